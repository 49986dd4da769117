"""Cue words of English and French captures: channels, facts, follow-ups, names, roles."""

from __future__ import annotations

import re

# Channel cues, most specific first; the earliest cue in the text decides.
CHANNELS: list[tuple[str, str]] = [
    (r"appel\s+visio|video\s*call|visio(?:conf[ée]rence)?|zoom|facetime|skype|google\s+meet|teams\s+call|webex|hangout|vid[ée]o", "video"),
    (r"(?:linkedin|twitter|instagram|insta|facebook|fb|mastodon|bluesky|threads|tiktok)(?:\s+(?:message|dm|msg|chat))?|(?:dm|message)\s+(?:on|via|sur)\s+(?:linkedin|twitter|x|instagram|insta|facebook|mastodon|bluesky)", "social"),
    (r"e-?mail(?:ed|s)?|mails?|courriels?|newsletter\s+reply", "email"),
    (r"text(?:ed|ing)?|sms|texto|whatsapp|messenger|signal|telegram|imessage|dm(?:'?d)?|messag(?:e|ed|es)|slack", "message"),
    (r"(?:phone\s+|conf\s+|conference\s+|quick\s+)?call(?:ed)?|phoned?|rang|ring|appel(?:[ée]e?)?|t[ée]l[ée]phon[ée]e?|coup\s+de\s+fil|rappel[ée]", "call"),
    (r"met|meet(?:ing)?|rencontr[ée]e?s?|rencontre|crois[ée]e?|vu|revu|coffee|lunch|dinner|drinks|breakfast|brunch|caf[ée]\s+avec|d[ée]jeuner|d[îi]ner|r[ée]union|ran\s+into|bumped\s+into|sat\s+next|talked|spoke|chatted|discut[ée]e?|parl[ée]|convo|chat", "in_person"),
]  # fmt: skip
CHANNEL_RE = [(re.compile(r"(?<![\w@#])(?:" + p + r")(?![\w])", re.I), c) for p, c in CHANNELS]

# Words after which a person's name comes.
NAME_TRIGGERS = re.compile(
    r"(?<![\w@#])(?:met(?:\s+up\s+with)?|meet(?:ing)?(?:\s+with)?|with|w/|avec|ran\s+into|bumped\s+into|"
    r"(?:sat|sitting)\s+next\s+to|next\s+to|(?:talked|spoke|chatted|speaking)\s+(?:to|with)|"
    r"called|phoned|rang|texted|emailed|e-mailed|messaged|pinged|dm'?d|named|"
    r"rencontr[ée]e?s?|crois[ée]e?s?|revu|vu|appel[ée]e?s?|t[ée]l[ée]phon[ée]\s+[àa]|"
    r"(?:discut[ée]|parl[ée])\s+(?:avec|[àa])|pr[ée]sent[ée]e?s?\s+[àa]|introduced\s+to|"
    r"(?:e-?mail|mail|message|text|dm|call|sms|note|msg|courriel|texto|appel|coup\s+de\s+fil|"
    r"invitation|invite|reply|r[ée]ponse)\s+(?:from|de|d'|d\u2019|[àa]|to))(?=[\s@\ue002]|$)",
    re.I,
)
# A "with" that is not about a person ("can help with SEO").
WITH_BLOCKERS = {
    "help", "helps", "helping", "aider", "aide", "m'aider", "obsessed", "familiar", "deal",
    "dealing", "along", "together", "work", "works", "working", "collaborate", "done", "up",
    "experience", "expérience", "travaille", "bosse", "in", "love", "fun", "busy", "started",
}  # fmt: skip

INTRO_BEFORE = re.compile(
    r"(?<![\w@#])(?:introduced|intro'?d|intro|referred|recommended|pr[ée]sent[ée]e?s?|recommand[ée]e?s?|mis\s+en\s+contact)"
    r"(?:\s+(?:to\s+me|me))?\s+(?:by|par)\s+|(?<![\w@#])(?:via|through|thanks\s+to|grâce\s+à|de\s+la\s+part\s+de)\s+",
    re.I,
)

FOLLOWUP_CUE = re.compile(
    r"(?<![\w@#])(?:follow(?:ing)?[\s-]?ups?|f/u|call\s+(?:him|her|them)?\s*back|get\s+back\s+to\s+(?:him|her|them)|"
    r"remind(?:er)?(?:\s+me)?(?:\s+to)?|ping\s+(?:him|her|them)|check\s+(?:in|back)(?:\s+with\s+(?:him|her|them))?|"
    r"touch\s+base|reach\s+out(?:\s+again)?|relance[rz]?|rappele[rz]|rappelle[rz]?|recontacte[rz]|"
    r"revoir|[àa]\s+relancer|penser\s+[àa]\s+(?:le|la|les|lui)\s+(?:relancer|rappeler|[ée]crire)|"
    r"to\s+do|todo|next\s+step)(?![\w])\s*:?",
    re.I,
)
TOPIC_LEAD = re.compile(
    r"^(?:(?:about|re|regarding|concerning|on|with|to|for|and|by|at|au\s+sujet\s+(?:de|du|des|d')|"
    r"[àa]\s+propos\s+(?:de|du|des|d')|pour|concernant|sur|de|du|des|le|la|l'|and|et|-|:|,)\s*:?\s*)+",
    re.I,
)

# Facts: (kind, cue). Each cue's text runs to the next cue or the end of the clause.
FACT_CUES: list[tuple[str, str]] = [
    ("need", r"(?:is\s+|are\s+|'s\s+|'re\s+)?looking\s+(?:for|to)|(?:is\s+)?(?:seeking|searching\s+for|hunting\s+for)|needs?|(?:is\s+|are\s+)?hiring|(?:is\s+)?recruiting|wants?\s+(?:a|an|some|more|help)\b|cherchent|cherche(?:\s+[àa])?|recherchent|recherche|a\s+besoin\s+(?:de|d'|d\u2019)|ont\s+besoin\s+(?:de|d'|d\u2019)|besoin\s+(?:de|d'|d\u2019)|recrute(?:nt)?|veut\s+(?:un|une|des|trouver)"),
    ("offer", r"(?:can|could|is\s+happy\s+to|happy\s+to|would\s+love\s+to|offered\s+to)\s+help(?:\s+(?:me|us))?(?:\s+(?:with|on))?|offers?|offering|(?:can|could)\s+(?:do|make|shoot|build|design|write|provide|teach|fix|offer)|provides?|sells?|does|specializ(?:es|ing)\s+in|also\s+(?=\w+s\b)|propose(?:nt)?(?:\s+de)?|offre(?:nt)?|peu(?:t|vent)\s+(?:m'|m\u2019|nous\s+|l'|l\u2019)?aider(?:\s+(?:avec|pour|sur|[àa]))?|fabrique(?:nt)?|r[ée]pare(?:nt)?|vend(?:ent)?|donne\s+des\s+cours\s+(?:de|d')|fait\s+des|dispo\s+pour"),
    ("interest", r"(?:is\s+|'s\s+|are\s+)?(?:really\s+|big\s+)?into|loves?|likes|enjoys|(?:is\s+)?(?:passionate|crazy|excited|nuts)\s+about|(?:is\s+)?(?:a\s+)?(?:big\s+|huge\s+)?fan\s+of|(?:is\s+)?interested\s+in|keen\s+on|obsessed\s+with|hobby\s+is|runs\s+(?=(?:marathons|ultras|races|trails)\b)|plays\s+(?=\w)|passionn[ée]e?s?\s+(?:de|d'|d\u2019|par)|fan\s+(?:de|d'|d\u2019)|adore(?:nt)?|aime(?:nt)?|amateur\s+(?:de|d'|d\u2019)|int[ée]ress[ée]e?s?\s+par|fait\s+(?:du|de\s+la|de\s+l')|talked\s+about|on\s+a\s+parl[ée]\s+(?:de|d')"),
    ("project", r"(?:is\s+|'s\s+|are\s+|'re\s+)?(?:working\s+on|building|launching|launched|starting|writing|developing|creating|founding|organi[sz]ing|running\s+(?=a\b|an\b))|(?:has\s+)?(?:just\s+)?(?:started|founded|built|wants\s+to\s+(?:open|start|launch|build|collaborate))|travaille(?:nt)?\s+sur|(?:a\s+)?lanc[ée]e?|lance(?:nt)?|monte(?:nt)?|d[ée]veloppe(?:nt)?|[ée]crit|pr[ée]pare(?:nt)?|vient\s+d(?:e\s+|'|\u2019)(?:ouvrir|lancer|cr[ée]er|monter)|cr[ée]e(?:nt)?"),
]  # fmt: skip
FACT_RE = re.compile(
    "|".join(
        f"(?P<{kind}{i}>(?<![\\w@#'\u2019])(?:{cue})(?:(?<=[\\s'\u2019])|(?![\\w'\u2019])))"
        for i, (kind, cue) in enumerate(FACT_CUES)
    ),
    re.I,
)
# Facts about me, not them: "I can offer a quick audit".
MY_SUBJECT = re.compile(r"(?:^|\s)(?:i|i'm|i've|i'd|je|j'|j\u2019)\s*$", re.I)

ORG_CUE = re.compile(
    r"(?<![\w@#])(?:works?\s+(?:at|for)|working\s+(?:at|for)|employed\s+(?:at|by)|now\s+at|joined|"
    r"(?:travaille|bosse|bossent|travaillent)\s+(?:chez|pour|[àa])|maintenant\s+chez|a\s+rejoint|est\s+chez)\s+",
    re.I,
)
ROLE_ORG_SPLIT = re.compile(
    r"\s+(?:at|@|chez|for|from|with|de|du|d'|d\u2019|à|au)\s*(?=[A-Z0-9À-Þ])"
)
ROLE_LEAD = re.compile(
    r"^(?:(?:she|he|they)(?:'s|\u2019s|'re|\u2019re|\s+is|\s+are|\s+was)|is|was|il\s+est|elle\s+est|ils\s+sont|elles\s+sont|"
    r"c'est|c\u2019est|est|now|maintenant|works\s+as|travaille\s+comme|bosse\s+comme|as|comme|in|en|a|an|un|une|the|le|la)\s+",
    re.I,
)

ROLE_WORDS = {
    "ceo", "cto", "cfo", "coo", "cmo", "cpo", "vp", "svp", "pm", "po", "hr", "rh", "vc", "dev", "devs",
    "founder", "cofounder", "co-founder", "fondateur", "fondatrice", "cofondateur", "cofondatrice",
    "head", "lead", "chief", "director", "manager", "partner", "associate", "intern", "student",
    "freelance", "freelancer", "consultant", "coach", "prof", "professeur", "professeure", "teacher",
    "chef", "cheffe", "nurse", "doctor", "médecin", "lawyer", "avocat", "avocate", "architect",
    "architecte", "artist", "artiste", "author", "autrice", "auteur", "poète", "poet", "physio",
    "kiné", "barista", "baker", "boulanger", "boulangère", "plombier", "plumber", "electrician",
    "électricien", "ux", "ui", "designer", "graphiste", "photographe", "photographer", "journaliste",
    "journalist", "juriste", "comptable", "accountant", "bookkeeper", "recruteur", "recruteuse",
    "recruiter", "étudiant", "étudiante", "bénévole", "volunteer", "retired", "retraité", "retraitée",
    "owner", "sage-femme", "infirmier", "infirmière", "menuisier", "ingénieur",
    "ingénieure", "engineer", "developer", "développeur", "développeuse", "scientist", "researcher",
    "chercheur", "chercheuse", "analyst", "analyste", "investor", "angel", "investisseur", "mentor",
    "organizer", "organisateur", "organisatrice", "agent", "broker", "realtor", "trainer", "therapist",
    "nutritionist", "nutritionniste", "blogger", "blogueur", "blogueuse", "influencer", "youtuber",
    "podcaster", "writer", "copywriter", "rédacteur", "rédactrice", "editor", "éditeur", "traducteur",
    "traductrice", "translator", "buyer", "acheteur", "acheteuse", "seller", "vendeur", "vendeuse",
    "marketer", "directeur", "directrice", "responsable", "président", "présidente", "maire",
    "pastry", "pâtissier", "pâtissière", "cook", "cuisinier", "cuisinière", "hacker", "expert",
    "experte", "experte-comptable", "specialist", "spécialiste", "technician", "technicien",
    "product", "commercial", "commerciale", "sales", "stagiaire",
}  # fmt: skip
ROLE_SUFFIXES = (
    "ist",
    "iste",
    "eur",
    "euse",
    "rice",
    "ant",
    "ante",
    "ologist",
    "ician",
    "or",
    "ier",
    "ière",
    "er",
)
NOT_ROLES = {
    "after", "later", "never", "other", "together", "water", "number", "summer", "winter", "dinner",
    "user", "super", "newsletter", "ever", "over", "under", "order", "better", "matter", "paper",
    "corner", "center", "centre", "letter", "poster", "father", "mother", "brother", "sister",
    "daughter", "sur", "pour", "leur", "hier", "premier", "dernier", "quartier", "papier", "janvier",
    "février", "meilleur", "plusieurs", "intérieur", "extérieur", "ailleurs", "door", "floor",
    "color", "colour", "major", "minor", "mentor", "for", "flor", "neighbour", "neighbor",
    "restaurant", "important", "maintenant", "pendant", "avant", "devant", "instant", "grant",
    "quant", "vraiment", "tant", "cant", "want", "meant", "ant", "sympa", "brewer", "beer",
}  # fmt: skip

# Words that are never a person's name, in either language.
STOP = {
    "a", "an", "the", "my", "his", "her", "their", "our", "your", "this", "that", "these", "those",
    "some", "someone", "somebody", "anyone", "people", "guy", "girl", "woman", "man", "lady",
    "person", "friend", "friends", "team", "folks", "everyone", "group", "him", "them", "us", "me",
    "i", "you", "he", "she", "it", "we", "they", "and", "or", "but", "at", "in", "on", "to", "of",
    "for", "from", "by", "with", "about", "after", "before", "during", "into", "over", "via",
    "re", "is", "are", "was", "were", "be", "been", "has", "had", "have", "do", "did", "does",
    "not", "no", "yes", "also", "again", "just", "very", "really", "quick", "quickly", "great",
    "nice", "lovely", "good", "old", "new", "random", "who", "what", "whom", "when", "where",
    "today", "tonight", "tomorrow", "yesterday", "morning", "afternoon", "evening", "night",
    "week", "month", "year", "next", "last", "all", "both", "few", "lots", "lot", "there", "here",
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "à", "et", "ou",
    "mais", "avec", "pour", "par", "chez", "dans", "sur", "sous", "en", "ce", "cet", "cette", "ces",
    "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos",
    "leur", "leurs", "quelqu'un", "quelqu\u2019un", "personne", "gens", "femme", "homme", "type",
    "mec", "nana", "dame", "monsieur", "madame", "ami", "amie", "amis", "équipe", "il", "elle",
    "ils", "elles", "nous", "vous", "je", "j", "lui", "eux", "moi", "toi", "qui", "que",
    "quoi", "est", "sont", "était", "ont", "pas", "ne", "aussi", "encore", "très", "super",
    "aujourd'hui", "demain", "hier", "matin", "soir", "semaine", "mois", "année", "prochain",
    "prochaine", "dernier", "dernière", "tous", "tout", "toute", "toutes", "line", "queue",
    "coffee", "lunch", "dinner", "drinks", "call", "email", "mail", "message", "text", "meeting",
    "café", "déjeuner", "dîner", "réunion", "appel", "visio", "zoom", "sms", "rdv",
}  # fmt: skip
NAME_FILLERS = {
    "my", "her", "his", "their", "our", "old", "new", "former", "ex", "colleague", "coworker",
    "co-worker", "friend", "buddy", "cofounder", "co-founder", "neighbour", "neighbor", "cousin",
    "boss", "manager", "mentor", "client", "customer", "partner", "wife", "husband", "sister",
    "brother", "mon", "ma", "mes", "son", "sa", "ses", "leur", "vieux", "vieille", "ancien",
    "ancienne", "ami", "amie", "collègue", "voisin", "voisine", "associé", "associée", "cofondateur",
    "cofondatrice", "patron", "patronne", "cliente", "l'ami", "l'amie", "sœur", "frère", "the",
    "designer", "dev", "founder", "fondateur", "fondatrice",
}  # fmt: skip
HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "mme",
    "mlle",
    "m",
    "me",
    "prof",
    "sir",
    "madame",
    "monsieur",
}
PARTICLES = {
    "de",
    "du",
    "des",
    "la",
    "le",
    "van",
    "von",
    "der",
    "den",
    "da",
    "di",
    "del",
    "della",
    "dos",
    "bin",
    "al",
    "el",
    "ten",
    "ter",
    "st",
}
ROMAN = {"ii", "iii", "iv", "jr", "sr"}

PLACE_PREP = re.compile(
    r"(?<![\w@#])(?:in\s+(?:the\s+)?(?:line|queue)\s+(?:at|for)|at|@|chez|au|aux|[àa]\s+la|[àa]\s+l'|[àa]\s+l\u2019|à|"
    r"dans\s+(?:le|la|les|l'|l\u2019)|lors\s+(?:du|de\s+la|de\s+l'|de\s+l\u2019|des|d'|de)|during|"
    r"on\s+(?=the\s+(?:train|flight|plane|bus|boat|ferry|metro|subway|tube|tram)\b)|in\s+(?=the\s+(?:train|elevator|lift|lobby|park|gym|office|kitchen|lounge|queue|line)\b))(?:(?<=['\u2019\s])\s*|\s+)",
    re.I,
)
EVENT_WORDS = {
    "meetup", "meet-up", "summit", "conference", "conf", "breakfast", "mixer", "day", "hackathon",
    "salon", "soirée", "vernissage", "festival", "workshop", "party", "club", "meeting", "wedding",
    "pot", "forum", "expo", "fair", "gala", "webinar", "talk", "panel", "demo", "launch", "event",
    "happy", "afterwork", "after-work", "apéro", "meetings", "congrès", "colloque", "séminaire",
    "seminar", "bootcamp", "marché", "market", "dinner", "brunch", "lunch", "game", "match",
    "concert", "book", "anniversaire", "birthday", "fête", "class", "cours", "hackathons",
}  # fmt: skip

EN_CUES = {
    "the", "and", "with", "at", "is", "met", "he", "she", "his", "her", "follow", "up", "looking",
    "for", "needs", "about", "tomorrow", "yesterday", "call", "into", "loves", "working", "on",
    "building", "from", "a", "an", "of", "in", "to", "next", "monday", "friday", "via", "by",
    "coffee", "lunch", "also", "can", "help", "offers", "months", "weeks", "days",
}  # fmt: skip
FR_CUES = {
    "le", "la", "les", "et", "avec", "chez", "est", "rencontré", "rencontrée", "il", "elle", "son",
    "sa", "relancer", "cherche", "besoin", "demain", "hier", "appel", "au", "aux", "à", "du", "des",
    "une", "un", "travaille", "sur", "lance", "passionné", "passionnée", "de", "pour", "dans",
    "mois", "semaines", "jours", "lundi", "vendredi", "prochain", "propose", "peut", "croisé",
    "présenté", "par", "café", "déjeuner", "aujourd'hui", "rappeler", "mardi", "jeudi", "mercredi",
}  # fmt: skip
