"""Finding likely duplicate people: records in, scored candidate pairs with reasons out.

Pure Python (no Django), so it is tested and benchmarked alone. Two steps:

1. **Blocking.** Each record gets a few keys (normalised e-mail, phone, LinkedIn path,
   sorted name tokens, family name with the canonical given name, family name with the
   initial, a rough sound of the family name with the initial). Only records that share a
   key are compared. A key shared by too many records (a common surname, an office
   switchboard) is not compared all against all: its records are sorted by name and each
   is compared with its nearest neighbours only, so cost stays near-linear in the size of
   the network.
2. **Scoring.** Each pair gets a score in 0..1 from its names (exact, accents, swapped
   given/family names, nicknames, initials, typos scored with rapidfuzz), its shared
   identifiers (the strongest evidence) and its organization and city, with the reasons
   that led to it. Father/son suffixes (Jr./Sr., père/fils) and different middle initials
   count against.

Reasons are codes with values; the adapters turn them into translated sentences.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.fuzz import ratio, token_sort_ratio

from entregent.dedupe.nicknames import canonical_names

# Pairs under this score are not worth a person's review.
MIN_SCORE = 0.6
# Larger blocks are compared with their nearest neighbours (by name) only.
MAX_BLOCK = 40
# An identifier shared by more records than this is a switchboard or a team address: it
# neither blocks nor counts as evidence of the same person.
MAX_SHARED_IDENTIFIER = 6

_HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "mme",
        "mlle",
        "mm",
        "me",
        "pr",
        "monsieur",
        "madame",
        "mademoiselle",
    ]
)
_SUFFIXES = {
    "jr": "jr",
    "junior": "jr",
    "fils": "jr",
    "sr": "sr",
    "senior": "sr",
    "pere": "sr",
    "ii": "ii",
    "iii": "iii",
    "iv": "iv",
}
_SUFFIX_LABELS = {"jr": "Jr.", "sr": "Sr.", "ii": "II", "iii": "III", "iv": "IV"}
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


# Records and results ----------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """A person as the engine sees them. `given`/`family` may be empty: `full_name` is split."""

    id: int
    full_name: str
    given: str = ""
    family: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    organization: str = ""
    city: str = ""


@dataclass(frozen=True)
class Reason:
    """Why two records look alike (or not): a code and the values it talks about.

    `weight` is positive for evidence of one person, negative for evidence against.
    """

    code: str
    a: str = ""
    b: str = ""
    weight: float = 0.0

    def english(self) -> str:
        """The reason in English, for logs and the benchmark (adapters translate)."""
        return ENGLISH[self.code].format(a=self.a, b=self.b)


ENGLISH = {
    "same_email": "same e-mail {a}",
    "same_phone": "same phone {a}",
    "same_linkedin": "same LinkedIn profile {a}",
    "same_name": "same name",
    "same_name_accents": "same name but for accents ({a} / {b})",
    "swapped": "given and family names swapped",
    "nickname": "{a} is a nickname of {b}",
    "initial": "initial {a} matches {b}",
    "short_form": "{a} is a short form of {b}",
    "similar_given": "similar given names ({a} / {b})",
    "similar_family": "similar family names ({a} / {b})",
    "similar_name": "similar names ({a} / {b})",
    "same_organization": "same organization {a}",
    "same_city": "same city {a}",
    "different_organization": "different organizations ({a} / {b})",
    "different_given": "different given names ({a} / {b})",
    "suffix_conflict": "{a} and {b}: probably parent and child",
    "suffix_only": "only one of them is {a}",
    "middle_conflict": "different middle names ({a} / {b})",
}


@dataclass(frozen=True)
class Candidate:
    """A likely duplicate pair (`a` < `b`), its score in 0..1 and the reasons."""

    a: int
    b: int
    score: float
    reasons: tuple[Reason, ...]


@dataclass
class Stats:
    """What the search did, for the benchmark and for a page that says it was capped."""

    records: int = 0
    blocks: int = 0
    windowed_blocks: int = 0
    pairs_compared: int = 0
    candidates: int = 0
    shared_identifiers: int = 0


@dataclass
class Result:
    candidates: list[Candidate]
    stats: Stats = field(default_factory=Stats)


# Normalising ------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case without accents: "Élodie" -> "elodie". Cached: names repeat a lot."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_email(address: str) -> str:
    """An address as its mailbox: lower case, without +tags, Gmail without dots."""
    address = address.strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return address
    local = local.split("+", 1)[0]
    if domain in {"gmail.com", "googlemail.com"}:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def normalize_phone(number: str) -> str:
    """The last nine digits: the same line written with or without its country code."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return digits[-9:] if len(digits) >= 7 else ""


def linkedin_path(url: str) -> str:
    """ "/in/dana-whitfield" for any way of writing a LinkedIn profile address, else ""."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return ""
    path = fold(parts.path).rstrip("/")
    segments = [s for s in path.split("/") if s]
    if len(segments) >= 2 and segments[0] in {"in", "pub"}:
        return f"/{segments[0]}/{segments[1]}"
    return ""


@dataclass(frozen=True)
class Name:
    """A name split and folded for comparison."""

    given: str  # first given name, folded ("" when none)
    middle: tuple[str, ...]  # further given names, folded
    family: str  # folded, spaces and hyphens kept
    family_key: str  # folded, letters only ("de la Tour" -> "delatour")
    suffix: str  # "jr", "sr", "ii"… or ""
    tokens: tuple[str, ...]  # every folded word, sorted (suffix and honorifics left out)
    shown_given: str  # the given name as written, for reasons
    shown_family: str
    compound_given: bool = False  # Jean-Philippe, Marie-Ève: one name, not Jean or Marie


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _strip_suffix(words: list[str]) -> tuple[list[str], str]:
    suffix = ""
    while len(words) > 1 and fold(words[-1]).replace(".", "") in _SUFFIXES:
        suffix = suffix or _SUFFIXES[fold(words[-1]).replace(".", "")]
        words = words[:-1]
    return words, suffix


def parse(record: Record) -> Name:
    """Split a record's name: its given/family fields when set, else the full name."""
    full_words = _words(record.full_name)
    full_words, suffix = _strip_suffix(full_words)
    while len(full_words) > 2 and fold(full_words[0]) in _HONORIFICS:
        full_words = full_words[1:]
    given_words = _words(record.given)
    family_words = _words(record.family)
    family_words, family_suffix = _strip_suffix(family_words)
    suffix = suffix or family_suffix
    if not given_words and not family_words:
        if len(full_words) >= 2:
            given_words, family_words = full_words[:-1], full_words[-1:]
        else:
            given_words = full_words
    while len(given_words) > 1 and fold(given_words[0]) in _HONORIFICS:
        given_words = given_words[1:]
    folded_given = [fold(w) for w in given_words]
    family = " ".join(fold(w) for w in family_words)
    tokens = tuple(sorted({*folded_given, *(fold(w) for w in family_words)}))
    given, middle = (folded_given[0], tuple(folded_given[1:])) if folded_given else ("", ())
    shown_given = given_words[0] if given_words else ""
    compound = _compound_given(record.given or record.full_name, given_words)
    if compound:
        parts = len(_words(compound))
        given, middle = "".join(folded_given[:parts]), tuple(folded_given[parts:])
        shown_given = compound
    return Name(
        given=given,
        middle=middle,
        family=family,
        family_key=_NOT_ALNUM.sub("", family),
        suffix=suffix,
        tokens=tokens,
        shown_given=shown_given,
        compound_given=bool(compound),
        shown_family=" ".join(family_words),
    )


def _compound_given(text: str, given_words: list[str]) -> str:
    """The first given name when it is hyphenated ("Jean-Philippe"), else ""."""
    for chunk in text.split():
        words = _words(chunk)
        if not words or fold(words[0]).replace(".", "") in _HONORIFICS:
            continue
        if len(words) > 1 and "-" in chunk and given_words[: len(words)] == words:
            return "-".join(words)
        return ""
    return ""


def sound(text: str) -> str:
    """A rough sound of a folded word: first letter, then consonants, doubles collapsed.

    "whitfield" and "whitfeild" both give "wtfld"; enough to bring typos into one block.
    """
    if not text:
        return ""
    out = [text[0]]
    for ch in text[1:]:
        if ch in "aeiouyhw" or not ch.isalpha():
            continue
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


# Blocking ---------------------------------------------------------------------------------


@dataclass
class _Prepared:
    record: Record
    name: Name
    emails: frozenset[str]
    phones: frozenset[str]
    linkedin: frozenset[str]
    organization: str
    city: str
    sort_key: str
    folded_full: str


def _prepare(record: Record) -> _Prepared:
    name = parse(record)
    return _Prepared(
        record=record,
        name=name,
        emails=frozenset(e for e in (normalize_email(x) for x in record.emails) if e),
        phones=frozenset(p for p in (normalize_phone(x) for x in record.phones) if p),
        linkedin=frozenset(p for p in (linkedin_path(x) for x in record.links) if p),
        organization=" ".join(fold(record.organization).split()),
        city=" ".join(fold(record.city).split()),
        sort_key=" ".join(name.tokens),
        folded_full=" ".join(fold(record.full_name).split()),
    )


def blocking_keys(p: _Prepared) -> set[str]:
    """The keys that put a record in the same block as its possible duplicates."""
    keys = {f"e:{e}" for e in p.emails}
    keys |= {f"p:{ph}" for ph in p.phones}
    keys |= {f"l:{path}" for path in p.linkedin}
    name = p.name
    if name.tokens:
        keys.add("n:" + " ".join(name.tokens))
    initials = {g[0] for g in (name.given, *name.middle) if g}
    if name.family_key:
        for canonical in canonical_names(name.given) if name.given else ():
            keys.add(f"g:{name.family_key}:{canonical}")
            initials.add(canonical[0])
        for initial in initials:
            keys.add(f"i:{name.family_key}:{initial}")
            keys.add(f"s:{sound(name.family_key)}:{initial}")
    elif name.given:
        keys.add(f"o:{name.given}")
    return keys


def _blocks(prepared: list[_Prepared]) -> dict[str, list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, p in enumerate(prepared):
        for key in blocking_keys(p):
            blocks[key].append(index)
    return blocks


def _pairs_of_block(members: list[int], prepared: list[_Prepared]) -> Iterable[tuple[int, int]]:
    if len(members) <= MAX_BLOCK:
        for i, left in enumerate(members):
            for right in members[i + 1 :]:
                yield left, right
        return
    ordered = sorted(members, key=lambda m: (prepared[m].sort_key, prepared[m].record.id))
    for i, left in enumerate(ordered):
        for right in ordered[i + 1 : i + 1 + MAX_BLOCK // 4]:
            yield left, right


# Scoring ----------------------------------------------------------------------------------


def _compare_given(a: Name, b: Name) -> tuple[float, Reason | None]:
    """How well two given names agree (0..1), with the reason."""
    ga, gb = a.given, b.given
    if not ga or not gb:
        return 0.5, None
    if ga == gb:
        return 1.0, None
    if len(ga) == 1 or len(gb) == 1:
        initial, other_name, shown_initial, shown_other = (
            (ga, gb, a.shown_given, b.shown_given)
            if len(ga) == 1
            else (gb, ga, b.shown_given, a.shown_given)
        )
        if other_name[0] == initial or any(c[0] == initial for c in canonical_names(other_name)):
            return 0.8, Reason("initial", shown_initial.upper() + ".", shown_other, 0.0)
        return 0.1, Reason("different_given", a.shown_given, b.shown_given, -1.0)
    if a.compound_given != b.compound_given:
        # Marie-Ève is not Marie, nor a typo of her name.
        return 0.15, Reason("different_given", a.shown_given, b.shown_given, -1.0)
    if canonical_names(ga) & canonical_names(gb):
        longer, shorter = (a, b) if len(ga) >= len(gb) else (b, a)
        return 0.95, Reason("nickname", shorter.shown_given, longer.shown_given, 0.0)
    shorter_name, longer_name = sorted((ga, gb), key=len)
    # Sam for Samuel, Max for Maxime; one more letter is usually another name (Lin, Linh;
    # Paul, Paula).
    if (
        len(shorter_name) >= 3
        and len(longer_name) - len(shorter_name) >= 2
        and longer_name.startswith(shorter_name)
    ):
        shown = sorted((a.shown_given, b.shown_given), key=len)
        return 0.85, Reason("short_form", shown[0], shown[1], 0.0)
    # A typo (one letter added, dropped, changed or two swapped), not a sibling's name:
    # Christian and Christine are two edits apart.
    # A changed letter in a short name is usually another name (Dana, Dina).
    # So is a short name with a letter added at the end (Jan, Jana).
    typo = len(ga) != len(gb) or sorted(ga) == sorted(gb) or min(len(ga), len(gb)) >= 6
    typo = typo and not (len(shorter_name) < 6 and longer_name.startswith(shorter_name))
    # Under five letters, one edit is another name too (Jan, Jean; Luca, Lucia).
    typo = typo and len(shorter_name) >= 5
    if typo and OSA.distance(ga, gb) <= 1 and JaroWinkler.similarity(ga, gb) >= 0.85:
        return 0.75, Reason("similar_given", a.shown_given, b.shown_given, 0.0)
    return 0.15, Reason("different_given", a.shown_given, b.shown_given, -1.0)


def _middle_conflict(a: Name, b: Name) -> bool:
    """Both have a middle name and they start differently: John A. Smith is not John B."""
    if not a.middle or not b.middle:
        return False
    return a.middle[0][0] != b.middle[0][0]


def _typo_of(a: str, b: str) -> bool:
    """One or two edits apart: two are allowed from eight letters on (Visser and Vasseur
    are two names, Whitfield and Whitfeild one)."""
    return OSA.distance(a, b) <= (2 if min(len(a), len(b)) >= 8 else 1)


def _parts_alike(a: str, b: str) -> bool:
    """Compound family names agree part by part: Ferreira-Roy is not Ferreira-Rao, though
    the whole names are only two letters apart."""
    parts_a, parts_b = a.split(), b.split()
    if len(parts_a) != len(parts_b) or len(parts_a) < 2:
        return True
    return all(x == y or _typo_of(x, y) for x, y in zip(parts_a, parts_b, strict=True))


def name_score(a: Name, b: Name) -> tuple[float, list[Reason]]:
    """How alike two names are (0..1), with the reasons."""
    reasons: list[Reason] = []
    if not a.tokens or not b.tokens:
        return 0.0, reasons
    if a.suffix != b.suffix and (a.suffix or b.suffix):
        if a.suffix and b.suffix:
            labels = (_SUFFIX_LABELS[a.suffix], _SUFFIX_LABELS[b.suffix])
            reasons.append(Reason("suffix_conflict", labels[0], labels[1], -1.0))
            penalty = 0.35
        else:
            label = _SUFFIX_LABELS[a.suffix or b.suffix]
            reasons.append(Reason("suffix_only", label, weight=-1.0))
            penalty = 0.6
    else:
        penalty = 1.0
    if a.tokens != b.tokens and _middle_conflict(a, b):
        reasons.append(Reason("middle_conflict", a.middle[0], b.middle[0], -1.0))
        penalty *= 0.5
    if a.tokens == b.tokens:
        if a.given == b.given or not a.family or not b.family:
            reasons.insert(0, Reason("same_name", weight=1.0))
            return 1.0 * penalty, reasons
        reasons.insert(0, Reason("swapped", weight=1.0))
        return 0.95 * penalty, reasons
    if (
        a.family_key
        and b.family_key
        and a.family_key == _NOT_ALNUM.sub("", b.given)
        and b.family_key == _NOT_ALNUM.sub("", a.given)
    ):
        reasons.insert(0, Reason("swapped", weight=1.0))
        return 0.9 * penalty, reasons
    if a.family_key and a.family_key == b.family_key:
        family = 1.0
    elif a.family_key and b.family_key:
        family = ratio(a.family_key, b.family_key) / 100
        # Typos are one or two edits; names that share a long prefix are not typos
        # (Garcia-Lopez and Garcia-Perez).
        if not _typo_of(a.family_key, b.family_key) or not _parts_alike(a.family, b.family):
            family = min(family, 0.7)
        if family >= 0.8:
            reasons.append(Reason("similar_family", a.shown_family, b.shown_family, 0.5))
    else:
        family = 0.0
    if family < 0.8:
        overall = token_sort_ratio(" ".join(a.tokens), " ".join(b.tokens)) / 100
        # Not when both family names are there and plainly differ (Rao, Roy).
        differ = bool(a.family_key and b.family_key) and not _typo_of(a.family_key, b.family_key)
        if overall >= 0.9 and not differ and _parts_alike(a.family, b.family):
            reasons.append(Reason("similar_name", " ".join(a.tokens), " ".join(b.tokens), 0.5))
            return overall * 0.9 * penalty, reasons
        return overall * 0.5 * penalty, reasons
    given, given_reason = _compare_given(a, b)
    if given_reason is not None:
        reasons.append(given_reason)
    elif family == 1.0 and given == 1.0:
        # Same given and family names; one of them also has a middle name.
        reasons.insert(0, Reason("same_name", weight=1.0))
    return (0.45 * family + 0.55 * given) * penalty, reasons


def _score(left: _Prepared, right: _Prepared, shared_counts: dict[str, int]) -> Candidate:
    names, reasons = name_score(left.name, right.name)
    same_but_accents = (
        left.record.full_name != right.record.full_name and left.folded_full == right.folded_full
    )
    if names == 1.0 and same_but_accents:
        reasons[0] = Reason("same_name_accents", left.record.full_name, right.record.full_name, 1.0)
    score = names * 0.85
    if left.organization and right.organization:
        if left.organization == right.organization:
            score += 0.1
            reasons.append(Reason("same_organization", left.record.organization, weight=0.5))
        elif ratio(left.organization, right.organization) < 80:
            score -= 0.1
            reasons.append(
                Reason(
                    "different_organization",
                    left.record.organization,
                    right.record.organization,
                    -0.5,
                )
            )
    if left.city and right.city and left.city == right.city:
        score += 0.05
        reasons.append(Reason("same_city", right.record.city, weight=0.5))
    score = min(max(score, 0.0), 1.0)
    # Shared identifiers: combined as independent evidence ("noisy or"), weaker when the
    # names disagree (a couple's shared landline, a team inbox).
    evidence: list[tuple[float, Reason]] = []
    for email in sorted(left.emails & right.emails):
        if shared_counts.get(f"e:{email}", 0) <= MAX_SHARED_IDENTIFIER:
            evidence.append((0.75, Reason("same_email", email, weight=1.0)))
    for path in sorted(left.linkedin & right.linkedin):
        if shared_counts.get(f"l:{path}", 0) <= MAX_SHARED_IDENTIFIER:
            evidence.append((0.9, Reason("same_linkedin", path, weight=1.0)))
    for phone in sorted(left.phones & right.phones):
        if shared_counts.get(f"p:{phone}", 0) <= MAX_SHARED_IDENTIFIER:
            shown = next((x for x in left.record.phones if normalize_phone(x) == phone), phone)
            evidence.append((0.45, Reason("same_phone", shown, weight=1.0)))
    if evidence:
        agreement = max(names**2, 0.1)
        remaining = 1.0 - score
        for strength, reason in evidence:
            # A LinkedIn profile is one person's, whatever names the two records carry.
            weight = max(agreement, 0.85) if reason.code == "same_linkedin" else agreement
            remaining *= 1.0 - strength * weight
            reasons.insert(0, reason)
        score = 1.0 - remaining
    a, b = sorted((left.record.id, right.record.id))
    reasons.sort(key=lambda r: -r.weight)
    return Candidate(a=a, b=b, score=round(score, 3), reasons=tuple(reasons))


_UNCORROBORATED = frozenset({"initial", "different_organization"})


def _drop_ambiguous_initials(candidates: list[Candidate]) -> list[Candidate]:
    """ "J. Carter" with nothing else in common matches James and Julia Carter alike: such a
    pair says nothing when the same record has several of them, so they are left out
    (a shared e-mail, phone, organization or city keeps a pair, and the bare ones beside it
    go)."""
    bare = [c for c in candidates if {r.code for r in c.reasons} <= _UNCORROBORATED]
    if not bare:
        return candidates
    counts: dict[int, int] = defaultdict(int)
    for c in candidates:
        if any(r.code == "initial" for r in c.reasons):
            counts[c.a] += 1
            counts[c.b] += 1
    ambiguous = {id(c) for c in bare if counts[c.a] > 1 or counts[c.b] > 1}
    return [c for c in candidates if id(c) not in ambiguous]


@contextmanager
def _without_gc() -> Iterator[None]:
    """Pause the cycle collector: the search allocates a few objects per record and keeps
    them all, so each full collection rescans everything built so far and the cost grows
    faster than the network (x2 at 100k people). Nothing here makes reference cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def find_duplicates(
    records: Iterable[Record],
    *,
    exclude: Iterable[tuple[int, int]] = (),
    min_score: float = MIN_SCORE,
) -> Result:
    """Likely duplicate pairs among the records, best first; pairs in `exclude` (either
    order) are left out (people said they are not the same person)."""
    with _without_gc():
        return _find(records, exclude=exclude, min_score=min_score)


def _find(
    records: Iterable[Record], *, exclude: Iterable[tuple[int, int]], min_score: float
) -> Result:
    prepared = [_prepare(r) for r in records]
    stats = Stats(records=len(prepared))
    blocks = _blocks(prepared)
    shared_counts = {key: len(m) for key, m in blocks.items() if key[0] in "epl" and len(m) > 1}
    stats.shared_identifiers = sum(1 for n in shared_counts.values() if n > MAX_SHARED_IDENTIFIER)
    excluded = {(min(x, y), max(x, y)) for x, y in exclude}
    seen: set[tuple[int, int]] = set()
    candidates: list[Candidate] = []
    for block_key, members in blocks.items():
        if len(members) < 2:
            continue
        if block_key[0] in "epl" and len(members) > MAX_SHARED_IDENTIFIER:
            # A switchboard or a team inbox: not evidence, and comparing its holders by
            # it would grow with the network (real duplicates still meet by name).
            continue
        stats.blocks += 1
        if len(members) > MAX_BLOCK:
            stats.windowed_blocks += 1
        for i, j in _pairs_of_block(members, prepared):
            left, right = prepared[i], prepared[j]
            ids = (left.record.id, right.record.id)
            key = (min(ids), max(ids))
            if key in seen or key in excluded or ids[0] == ids[1]:
                continue
            seen.add(key)
            stats.pairs_compared += 1
            candidate = _score(left, right, shared_counts)
            if candidate.score >= min_score:
                candidates.append(candidate)
    candidates = _drop_ambiguous_initials(candidates)
    candidates.sort(key=lambda c: (-c.score, c.a, c.b))
    stats.candidates = len(candidates)
    return Result(candidates=candidates, stats=stats)
