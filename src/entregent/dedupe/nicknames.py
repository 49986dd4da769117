"""Given names and their short forms, in English and French, written for Entregent.

Each line is a canonical given name followed by the names that commonly stand for it.
A short form may belong to several names ("Alex" is Alexander, Alexandra, Alexandre):
matching treats two given names as the same person's when they share a canonical name.
Written folded (lower case, no accents), because that is how the engine compares names.
No Django import: the engine and the benchmark use it alone.
"""

from __future__ import annotations

_TABLE = """
robert: bob bobby rob robbie bert
william: bill billy will willy liam
catherine: kate katie cathy kathy katherine kathryn catharine cat kat
james: jim jimmy jamie
john: johnny jack jon
jonathan: jon jonny
elizabeth: liz lizzie beth betty eliza libby elisabeth lisa
margaret: maggie meg peggy margot marguerite
richard: rick ricky dick rich richie
michael: mike mikey mick mickey
thomas: tom tommy
joseph: joe joey jo
christopher: chris kit topher
christine: chris chrissy tina christina kristin
alexander: alex sandy xander alec
alexandra: alex sandra sasha lexi
alexandre: alex
andrew: andy drew
anthony: tony
antoine: toine
benjamin: ben benji
daniel: dan danny
danielle: dani
david: dave davy
edward: ed eddie ted ned
frederick: fred freddie freddy
frederic: fred
henry: harry hank
jennifer: jen jenny jenn
jessica: jess jessie
joshua: josh
matthew: matt matty
nicholas: nick nicky nico
nicolas: nico nick
patrick: pat paddy
patricia: pat patty trish tricia
peter: pete
pierre: pierrot
rebecca: becky becca
samuel: sam sammy
samantha: sam sammie
stephen: steve stevie steven
susan: sue suzy susie
timothy: tim timmy
victoria: vicky tori
charles: charlie chuck chas
charlotte: charlie lottie
deborah: deb debbie debra
gregory: greg
abigail: abby abbie
nathaniel: nate nat nathan
zachary: zach zack
kenneth: ken kenny
lawrence: larry laurie
leonard: leo len lenny
ronald: ron ronnie
donald: don donnie
douglas: doug
gabriel: gabe gabi
gabrielle: gaby gabi
jeanne: jeannette jeannine jeannie
jean: jeannot
francois: fanfan
francoise: fanny
josephine: josee josie jo
isabelle: isa babette
elise: lise
nathalie: nat
philippe: phil
emmanuel: manu
emmanuelle: manue
sebastien: seb
maxime: max
maximilien: max
stephanie: steph
stephane: steph
christophe: chris
jacques: jacquot jack
valerie: val
veronique: vero
caroline: caro
dominique: dom
benoit: ben
theodore: theo ted
mathieu: matt
guillaume: guigui
"""


def _build() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for line in _TABLE.strip().splitlines():
        canonical, _sep, rest = line.partition(":")
        canonical = canonical.strip()
        table.setdefault(canonical, set()).add(canonical)
        for short in rest.split():
            table.setdefault(short, set()).add(canonical)
    return {name: frozenset(canonicals) for name, canonicals in table.items()}


CANONICAL: dict[str, frozenset[str]] = _build()


def canonical_names(given: str) -> frozenset[str]:
    """The canonical names a folded given name stands for (itself when it is not listed)."""
    return CANONICAL.get(given, frozenset((given,)))
