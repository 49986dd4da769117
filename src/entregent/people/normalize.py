"""Pure helpers that normalise what people type: names, phones, links, search words.

No Django imports: these are used by services, importers and the capture parser alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

import phonenumbers
from nameparser import HumanName

from entregent.people.choices import LinkKind

MAX_TERM_LENGTH = 40
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class ParsedName:
    given: str
    family: str
    full: str


def parse_name(full: str) -> ParsedName:
    """Split a written name into given and family names ("Dr. Marie-Claire de la Tour")."""
    full = " ".join(full.split())
    if not full:
        return ParsedName("", "", "")
    name = HumanName(full)
    given = " ".join(part for part in (name.first, name.middle) if part)
    family = name.last
    if not given and not family:
        given = full
    return ParsedName(given=given[:100], family=family[:100], full=full)


def join_name(given: str, family: str) -> str:
    return " ".join(part for part in (given.strip(), family.strip()) if part)


def sort_key_for(full: str, given: str, family: str) -> str:
    """Family name first, case- and accent-insensitive, so lists read like an address book."""
    base = f"{family} {given}".strip() if family else full
    return fold(base)[:200]


def fold(text: str) -> str:
    """Lower-case and strip accents: "Émilie" -> "emilie"; other scripts are kept."""
    # Decompose before and after case-folding: compatibility forms such as the mathematical
    # capital alpha U+1D790 only become a letter with a case once decomposed, and must
    # still be lowered, or the index would hold a word no typed query can reach.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_terms(*texts: str) -> set[str]:
    """The words that should find a record: folded, two characters or more."""
    terms: set[str] = set()
    for text in texts:
        if not text:
            continue
        for word in _WORD.findall(fold(text)):
            if len(word) >= 2 or not word.isascii():
                terms.add(word[:MAX_TERM_LENGTH])
    return terms


def query_words(query: str, limit: int = 8) -> list[str]:
    """The words of a search query, folded like the index; the first `limit` count."""
    return [w[:MAX_TERM_LENGTH] for w in _WORD.findall(fold(query))][:limit]


class PhoneError(ValueError):
    """The text is not a phone number that can be dialled."""


def normalize_phone(raw: str, region: str) -> str:
    """Return the number in E.164 ("+33612345678"); `region` applies when no + is written."""
    text = raw.strip()
    if not text:
        raise PhoneError("empty")
    try:
        number = phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException as exc:
        raise PhoneError(str(exc)) from None
    if not phonenumbers.is_possible_number(number) or not phonenumbers.is_valid_number(number):
        raise PhoneError("invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """Display form of a stored E.164 number ("+33 6 12 34 56 78")."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


_LINK_HOSTS = {
    "linkedin.com": LinkKind.LINKEDIN,
    "github.com": LinkKind.GITHUB,
    "twitter.com": LinkKind.X,
    "x.com": LinkKind.X,
    "instagram.com": LinkKind.INSTAGRAM,
}


def normalize_url(raw: str) -> str:
    """Add https:// to a bare host ("linkedin.com/in/dana") so it validates and links."""
    text = raw.strip()
    if text and "://" not in text:
        text = "https://" + text
    return text


def link_kind_for(url: str) -> str:
    """Guess what a link is from its host."""
    host = (urlsplit(url).hostname or "").lower()
    host = host.removeprefix("www.")
    for suffix, kind in _LINK_HOSTS.items():
        if host == suffix or host.endswith("." + suffix):
            return kind
    if "/@" in url:
        return LinkKind.MASTODON
    return LinkKind.WEBSITE
