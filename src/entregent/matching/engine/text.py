"""Text to comparable tokens: case folded, accents removed, stop words dropped, stemmed.

Language is not detected: every word is stemmed both as English and as French, and two
words are taken to match when they share either stem. This is what lets a French need
("photos produit") meet an English offer ("product photos") without knowing which
language each note was written in.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from entregent.matching.engine.stopwords import STOP_WORDS

_ENGLISH = snowballstemmer.stemmer("english")
_FRENCH = snowballstemmer.stemmer("french")

# A word: letters or digits in any script; "+" and "#" keep C++ and C# whole.
_WORD = re.compile(r"[^\W_][\w+#]*")
# French elisions: l'atelier, d'emploi, qu'il; and j'ai, whose "ai" is not AI.
_ELISION = re.compile(r"\b(?:j['\u2019]ai\b|(?:qu|[cdjlmnst])['\u2019](?=\w))")
_HYPHEN = re.compile(r"[-_/.]")


def normalise(text: str) -> str:
    """Case-fold and remove accents: "Comptabilité" -> "comptabilite"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in folded if not unicodedata.combining(char))


# Snowball stemmers keep their state on the object: one thread at a time (a threaded
# server loads several page sections at once, each matching texts).
_STEMMING = threading.Lock()


@lru_cache(maxsize=65536)
def stems(word: str) -> frozenset[str]:
    """The English and French stems of one normalised word (one or two strings)."""
    with _STEMMING:
        return frozenset({_ENGLISH.stemWord(word), _FRENCH.stemWord(word)})


@dataclass(frozen=True, slots=True)
class Token:
    """One meaningful word of a text: as written (for explanations) and its stems."""

    surface: str
    stems: frozenset[str]


def _split(text: str) -> list[tuple[str, str]]:
    """(as written but case-folded, normalised) for each meaningful word of a text."""
    folded = unicodedata.normalize("NFC", text.casefold())
    clean = _HYPHEN.sub(" ", _ELISION.sub(" ", folded))
    pairs = []
    for surface in _WORD.findall(clean):
        word = normalise(surface)
        if len(word) > 1 and word not in STOP_WORDS:
            pairs.append((surface, word))
    return pairs


def words(text: str) -> list[str]:
    """The normalised words of a text, stop words and one-letter words removed."""
    return [word for _surface, word in _split(text)]


def tokenize(text: str) -> list[Token]:
    """The meaningful words of a text with their stems, in order; `surface` keeps accents."""
    return [Token(surface, stems(word)) for surface, word in _split(text)]
