"""Words that carry no topic, in English and French, written for this matcher.

Besides grammar words, this holds the words people use to *frame* an offer or a need
("looking for", "can help with", "cherche", "propose"): they appear in almost every fact,
so matching on them would pair everything with everything. Words are normalised (case
folded, no accents), as `text.normalise` produces them.
"""

from __future__ import annotations

_ENGLISH = """
a about above after again against all also am an and any are around as at be because been
before being below between both but by can could did do does doing done down during each
else even ever every few for from further get gets getting got had has have having he her
here hers herself him himself his how i if in into is it its itself just like ll me might
more most much must my myself no nor not now of off on once only or other our ours
ourselves out over own per quite rather re really same she should so some something soon
still such than that the their theirs them themselves then there these they this those
through to too under until up upon us ve very was we were what when where which while who
whom whose why will with within without would yet you your yours yourself yourselves
maybe lot lots bit thing things stuff kind sort way ways someone somebody anyone people
person guy one ones new good great nice big small little
need needs needed needing looking look looks want wants wanted wanting seek seeks seeking
searching search find finding help helps helping helped offer offers offering offered
provide provides providing able happy glad willing available interested interest
interests into love loves enjoy enjoys fan passionate keen currently soon next first
someday day days week weeks month months year years time
"""

_FRENCH = """
a au aux avec ce ces cet cette ceci cela ca celui celle ceux celles chez comme dans de
des du elle elles en entre est et etaient etait etant ete etre eu il ils je la le les leur
leurs lui ma mais me meme mes moi mon ne ni nos notre nous on ont ou par pas peu plus pour
qu que quel quelle quels quelles qui sa sans se ses si son sont sur ta te tes toi ton tous
tout toute toutes tres tu un une vos votre vous ya y deja aussi encore bien fait faire
quelque quelques chose choses quelqu personne personnes gens truc trucs avoir suis es sommes
etes peut peuvent pourrait pourrais doit dois veut veux voudrait voudrais
besoin besoins cherche cherchent chercher recherche recherchent rechercher trouver trouve
aide aider aident propose proposer proposent offre offrir offrent disponible dispo pret
prete interesse interessee interet interets aime adore passionne passionnee fan envie
actuellement bientot prochain prochaine jour jours semaine semaines mois an ans annee annees
nouveau nouvelle nouveaux bon bonne grand grande petit petite
"""

STOP_WORDS: frozenset[str] = frozenset((_ENGLISH + _FRENCH).split())
