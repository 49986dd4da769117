"""`parse_capture`: free text about an encounter -> a `CaptureParse`.

The text is read in passes, each removing what it understood so the next pass sees less:
explicit markers first (#tags, e-mails, @mentions, ISO dates, which always win), then the
follow-up clause, who introduced whom, the encounter's date, the people named after a
verb or preposition that introduces a person, and finally clause by clause: where, role
and organization, facts. What no pass claimed is kept as leftover text with a warning.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from entregent.capture.parser import lexicon as lx
from entregent.capture.parser.dates import find_dates
from entregent.capture.parser.types import (
    Candidate,
    CaptureParse,
    KnownPerson,
    ParsedFact,
    ParsedFollowUp,
    ParsedPerson,
    ParseWarning,
)

MAX_CHARS = 4000
FUZZY_CUTOFF = 86.0

_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\u200b-\u200f\u2028\u2029\ufeff]"
)
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_TAG = re.compile(r"(?<![\w&/#])#(\w[\w-]{0,49})", re.U)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}(?![\w])")
_MENTION = re.compile(r"(?<![\w@])@(?=\w)")
_WORD = re.compile(r"[^\W\d_](?:[\w'\u2019-]*\w)?|\d+", re.U)
_CLAUSE_BREAK = re.compile(
    r"[,;.!?:\n()\[\]\ue000]|\s[-\u2013\u2014/|]\s|\s[-\u2013\u2014]|\bthen\b|\bpuis\b", re.I
)
_PAREN = re.compile(r"\(([^()]{0,200})\)")

# Placeholder characters: same length as what they replace, so offsets never move.
GONE = "\ue000"  # consumed, and a clause boundary
HELD = "\ue001"  # consumed, not a boundary (a name inside its clause)


@dataclass
class _Doc:
    """The text being read and the mask of what has been understood."""

    text: str
    work: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.work = list(self.text)

    @property
    def current(self) -> str:
        return "".join(self.work)

    def take(self, start: int, end: int, mark: str = GONE) -> None:
        for i in range(max(0, start), min(end, len(self.work))):
            self.work[i] = mark

    def free(self, start: int, end: int) -> str:
        return "".join(self.work[start:end])


def fold(text: str) -> str:
    """Lower-case without accents, for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _clean_input(text: str) -> str:
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def detect_language(text: str, default: str = "en") -> str:
    """`fr` or `en` from cue words and accents; `default` when it cannot tell."""
    words = [w.lower() for w in _WORD.findall(text)]
    fr = sum(1 for w in words if w in lx.FR_CUES) + sum(1 for ch in text if ch in "éèêàùçôîûœ")
    en = sum(1 for w in words if w in lx.EN_CUES)
    if fr > en:
        return "fr"
    if en > fr:
        return "en"
    return default if default in {"en", "fr"} else "en"


def _tidy(text: str) -> str:
    for mark in (GONE, HELD, "\ue002", "\ue003"):
        text = text.replace(mark, " ")
    text = " ".join(text.split())
    return text.strip(" ,;:.-\u2013\u2014'\"\u2019()[]")


def _title(token: str) -> str:
    if token.islower():
        return "-".join(p[:1].upper() + p[1:] for p in token.split("-"))
    return token


# Names ------------------------------------------------------------------------------------


@dataclass
class _Name:
    text: str
    start: int
    end: int


def _tokens_from(work: str, pos: int) -> list[tuple[str, int, int]]:
    """Words from `pos` to the next clause break, with their offsets."""
    tokens = []
    i = pos
    while i < len(work):
        ch = work[i]
        if ch in " \t\ue001":
            i += 1
            continue
        if ch in {"\ue002", "\ue003"}:
            j = i
            while j < len(work) and work[j] == ch:
                j += 1
            tokens.append((ch, i, j))
            i = j
            continue
        match = _WORD.match(work, i)
        if match is None:
            tokens.append((ch, i, i + 1))
            i += 1
            if len(tokens) > 14:
                break
            continue
        tokens.append((match.group(0), match.start(), match.end()))
        i = match.end()
        if len(tokens) > 14:
            break
    return tokens


def _is_cap_name(token: str) -> bool:
    if not token[:1].isalpha() or not token[:1].isupper():
        return False
    low = token.lower().strip("'\u2019")
    if low in lx.STOP or low in _CALENDAR_WORDS:
        return False
    # SEO, CTO, AI: acronyms, not names.
    return not (token.isupper() and len(token) <= 4 and low not in lx.ROMAN)


def _is_lower_name(token: str) -> bool:
    low = token.lower()
    return (
        token.isalpha()
        and token.islower()
        and len(token) >= 2
        and low not in lx.STOP
        and low not in _CALENDAR_WORDS
        and low not in lx.ROLE_WORDS
        and not _looks_like_role_word(low)
        and low not in _CUE_WORDS
    )


def _surname_like(tokens: list[tuple[str, int, int]], m: int) -> bool:
    """ "tom baker at the meetup": a job word after a lower-case first name is a surname,
    unless an organization follows ("tom, baker at Shopify" reads as a role)."""
    word = tokens[m][0]
    if not (word.isalpha() and word.islower() and word in lx.ROLE_WORDS | {"baker", "cook"}):
        return False
    nxt = tokens[m + 1][0].lower() if m + 1 < len(tokens) else ""
    after = tokens[m + 2][0] if m + 2 < len(tokens) else ""
    return not (nxt in {"at", "chez", "@", "for", "from", "de"} and after[:1].isupper())


def _grab_names(work: str, pos: int) -> list[_Name]:
    """The names written from `pos`: "Alex Chen and Maria Gomez", "tom baker", "her cofounder Noah"."""
    tokens = _tokens_from(work, pos)
    names: list[_Name] = []
    i = 0
    while i < len(tokens):
        # Honorifics and fillers ("my old colleague") before a capitalised name.
        j = i
        while j < len(tokens) and tokens[j][0].lower().rstrip(".") in lx.HONORIFICS:
            j += 2 if j + 1 < len(tokens) and tokens[j + 1][0] == "." else 1
        k = j
        while k < len(tokens) and k - j < 3 and tokens[k][0].lower() in lx.NAME_FILLERS:
            k += 1
        if k > j and k < len(tokens) and _is_cap_name(tokens[k][0]):
            j = k
        if j >= len(tokens):
            break
        first = tokens[j][0]
        parts: list[tuple[str, int, int]] = []
        if first in ("\ue002", "\ue003"):
            break
        if _is_cap_name(first):
            parts.append(tokens[j])
            m = j + 1
            while m < len(tokens) and len(parts) < 4:
                tok = tokens[m][0]
                low = tok.lower()
                if (
                    _is_cap_name(tok)
                    or low in lx.ROMAN
                    or (
                        low in lx.PARTICLES
                        and m + 1 < len(tokens)
                        and _is_cap_name(tokens[m + 1][0])
                        and (tok[:1].isupper() or low not in {"la", "le"})
                    )
                ):
                    parts.append(tokens[m])
                else:
                    break
                m += 1
            # A place right after the name is not a surname: "Marc chez Pierre".
        elif _is_lower_name(first):
            parts.append(tokens[j])
            m = j + 1
            if m < len(tokens) and (_is_lower_name(tokens[m][0]) or _surname_like(tokens, m)):
                parts.append(tokens[m])
                m += 1
        else:
            break
        # Drop trailing particles.
        while parts and parts[-1][0].lower() in lx.PARTICLES:
            parts.pop()
        if not parts:
            break
        text = " ".join(_title(p[0]) for p in parts)
        names.append(_Name(text, tokens[j][1] if j == i else tokens[i][1], parts[-1][2]))
        m = j + len(parts)
        # Another name joined by "and" / "et" / "&".
        if m < len(tokens) and tokens[m][0].lower() in {"and", "et", "&"}:
            i = m + 1
            continue
        break
    return names


_CALENDAR_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "janvier", "février", "avril", "juin", "juillet",
    "août", "septembre", "octobre", "novembre", "décembre", "tmrw", "tmr",
}  # fmt: skip
_CUE_WORDS = {
    "met", "meet", "called", "texted", "emailed", "rencontré", "rencontrée", "croisé", "vu",
    "appel", "appelé", "follow", "relancer", "rappeler", "looking", "needs", "cherche", "offers",
    "propose", "loves", "into", "working", "building", "lance", "travaille", "intro", "via",
    "after", "before", "named", "lol", "today", "yesterday", "tomorrow", "demain", "hier",
    "aujourd'hui", "soir", "matin", "pendant", "ensemble", "gym", "work", "home", "office",
    "bureau", "maison", "parc", "park", "about", "re", "au", "sujet", "propos",
}  # fmt: skip


def _looks_like_role_word(word: str) -> bool:
    low = word.lower()
    if low in lx.ROLE_WORDS:
        return True
    if low in lx.NOT_ROLES or len(low) < 5:
        return False
    return low.endswith(lx.ROLE_SUFFIXES)


def _role_like(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    if not words or len(words) > 7:
        return False
    return any(
        _looks_like_role_word(w) and not _is_channel_word(w) for w in words
    ) or "head of" in " ".join(words)


# Matching known people ----------------------------------------------------------------------


class _Index:
    def __init__(self, known: Sequence[KnownPerson]):
        self.known = list(known)
        self.folded = [fold(k.full_name) for k in self.known]
        self.by_email: dict[str, KnownPerson] = {}
        for person in self.known:
            for email in person.emails:
                self.by_email.setdefault(email.lower(), person)

    def resolve(self, person: ParsedPerson) -> None:
        if not self.known:
            return
        for email in person.emails:
            found = self.by_email.get(email.lower())
            if found is not None:
                person.match = Candidate(found.id, found.full_name, 100.0, "email")
                return
        key = fold(person.name)
        if not key:
            return
        exact = [k for k, f in zip(self.known, self.folded, strict=True) if f == key]
        if len(exact) == 1:
            person.match = Candidate(exact[0].id, exact[0].full_name, 100.0, "exact")
            return
        if len(exact) > 1:
            person.candidates = [Candidate(k.id, k.full_name, 100.0, "exact") for k in exact]
            person.ambiguous = True
            return
        if " " not in key:
            given = [
                k for k, f in zip(self.known, self.folded, strict=True) if f.split(" ")[0] == key
            ]
            if given:
                person.candidates = [
                    Candidate(k.id, k.full_name, 90.0, "given_name") for k in given[:10]
                ]
                if len(given) == 1 and person.explicit:
                    person.match, person.candidates = person.candidates[0], []
                else:
                    person.ambiguous = True
                return
        scored = process.extract(
            key, self.folded, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF, limit=5
        )
        if not scored:
            return
        candidates = [
            Candidate(self.known[i].id, self.known[i].full_name, round(float(s), 1), "fuzzy")
            for _text, s, i in scored
        ]
        if len(candidates) == 1 or candidates[0].score - candidates[1].score >= 8:
            person.match = candidates[0]
        else:
            person.candidates = candidates
            person.ambiguous = True


_INTRO_TO_BY = re.compile(
    r"(?<![\w@#])(?:introduced\s+to|pr[ée]sent[ée]e?s?\s+[àa]|mis\s+en\s+contact\s+avec)\s+"
    r"((?:(?!\s(?:by|par)\s).){1,60}?)(?=\s+(?:by|par)\s+)",
    re.I,
)

# The parser ---------------------------------------------------------------------------------


def parse_capture(  # noqa: PLR0915 -- one pass after another over shared state; reads top to bottom
    text: str,
    *,
    now: dt.datetime,
    known_people: Sequence[KnownPerson] = (),
    default_language: str = "en",
) -> CaptureParse:
    """Read one capture. Never raises on any text; what it cannot read ends up in warnings."""
    warnings: list[ParseWarning] = []
    cleaned = _clean_input(str(text or ""))
    if len(cleaned) > MAX_CHARS:
        warnings.append(ParseWarning("truncated", cleaned[MAX_CHARS : MAX_CHARS + 40]))
        cleaned = cleaned[:MAX_CHARS]
    language = detect_language(cleaned, default_language)
    today = now.date()
    result = CaptureParse(text=cleaned, language=language, occurred_at=now)
    doc = _Doc(cleaned)
    index = _Index(known_people)
    people: list[ParsedPerson] = []
    spans: list[tuple[int, int, int]] = []  # (start, end, person index)

    def add_person(name: str, start: int, end: int, *, explicit: bool = False) -> int:
        key = fold(name)
        for i, existing in enumerate(people):
            if fold(existing.name) == key or (
                " " not in key and fold(existing.name).split(" ")[0] == key
            ):
                spans.append((start, end, i))
                return i
        people.append(ParsedPerson(name=name, explicit=explicit))
        spans.append((start, end, len(people) - 1))
        return len(people) - 1

    # 1. Tags.
    for match in _TAG.finditer(cleaned):
        tag = match.group(1).strip("-_")
        if tag and not tag.isdigit() and tag.casefold() not in {t.casefold() for t in result.tags}:
            result.tags.append(tag)
        doc.take(*match.span())

    # 2. E-mail addresses (held as \ue003 so a name next to one can claim it).
    emails: list[tuple[str, int, int]] = []
    for match in _EMAIL.finditer(doc.current):
        emails.append((match.group(0).lower(), *match.span()))
        doc.take(*match.span(), mark="\ue003")

    # 3. @Mentions: the longest run of words that names a known person, else capitalised words.
    for match in _MENTION.finditer(doc.current):
        start = match.start()
        tokens = [t for t in _tokens_from(doc.current, match.end())[:4] if _WORD.fullmatch(t[0])]
        contiguous: list[tuple[str, int, int]] = []
        for tok in tokens:
            if contiguous and doc.current[contiguous[-1][2] : tok[1]].strip():
                break
            contiguous.append(tok)
        chosen: list[tuple[str, int, int]] = []
        if index.known:
            for n in range(len(contiguous), 0, -1):
                candidate = fold(" ".join(t[0] for t in contiguous[:n]))
                if candidate in index.folded or (
                    n == 1 and any(f.split(" ")[0] == candidate for f in index.folded)
                ):
                    chosen = contiguous[:n]
                    break
        if not chosen and contiguous:
            chosen = [contiguous[0]]
            for tok in contiguous[1:]:
                if _is_cap_name(tok[0]) or tok[0].lower() in lx.ROMAN:
                    chosen.append(tok)
                else:
                    break
        if not chosen:
            continue
        mentioned = " ".join(_title(t[0]) for t in chosen)
        i = add_person(mentioned, start, chosen[-1][2], explicit=True)
        people[i].explicit = True
        doc.take(start, chosen[-1][2], mark="\ue002")

    # 4. The follow-up clause: from its cue to the end of the sentence.
    follow = lx.FOLLOWUP_CUE.search(doc.current)
    if follow is not None:
        end = len(cleaned)
        stop = re.compile(r"[.;!?\n](?:\s|$)|\n").search(doc.current, follow.end())
        if stop is not None:
            end = stop.start()
        clause = doc.current[follow.end() : end]
        hits = find_dates(clause, today, future=True)
        due = hits[0].date if hits else None
        topic_chars = list(clause)
        for hit in hits[:1]:
            for k in range(hit.start, hit.end):
                topic_chars[k] = " "
        topic = "".join(topic_chars).replace("\ue002", " ").replace("\ue003", " ")
        topic = _tidy(lx.TOPIC_LEAD.sub("", _tidy(topic)))
        topic = _tidy(re.sub(r"\s+(?:about|re|au sujet de|pour|on|le)$", "", topic, flags=re.I))
        if not any(w.lower() not in lx.STOP for w in _WORD.findall(topic) if not w.isdigit()):
            topic = ""
        result.followup = ParsedFollowUp(due=due, topic=topic)
        # Names in the clause ("follow up with @Dana") stay; the rest is understood.
        for k in range(follow.start(), end):
            if doc.work[k] not in ("\ue002", "\ue003"):
                doc.work[k] = GONE

    # 5. Who introduced them: "introduced to Lucas by Karen", "présenté par Karen à Lucas".
    for match in _INTRO_TO_BY.finditer(doc.current):
        for name in _grab_names(doc.current, match.start(1)):
            add_person(name.text, name.start, name.end)
            doc.take(name.start, name.end, mark="\ue002")
        doc.take(match.start(), match.start(1))
        by = re.compile(r"\s+(?:by|par)\s+").match(doc.current, match.end(1))
        if by is None or result.introduced_by is not None:
            continue
        mention = next((p for s, e, p in spans if s == by.end()), None)
        if mention is not None:
            result.introduced_by = people[mention]
            people[mention] = ParsedPerson(name="\x00")
            doc.take(by.start(), by.end())
            continue
        names = _grab_names(doc.current, by.end())
        if names:
            result.introduced_by = ParsedPerson(name=names[0].text)
            doc.take(by.start(), names[0].end)
    for match in lx.INTRO_BEFORE.finditer(doc.current):
        after = doc.current[match.end() :]
        if after.startswith("\ue002"):
            owner = next((p for s, e, p in spans if s == match.end()), None)
            if owner is not None and result.introduced_by is None:
                result.introduced_by = people[owner]
                people[owner] = ParsedPerson(name="\x00")  # removed below
                doc.take(match.start(), match.end())
                continue
        names = _grab_names(doc.current, match.end())
        if names and result.introduced_by is None:
            result.introduced_by = ParsedPerson(name=names[0].text)
            doc.take(match.start(), names[0].end)
            then = re.match(r"\s+(?:to|à|a)\s+", doc.current[names[0].end :])
            if then is not None:
                for name in _grab_names(doc.current, names[0].end + then.end()):
                    add_person(name.text, name.start, name.end)
                    doc.take(name.start, name.end, mark="\ue002")
                doc.take(names[0].end, names[0].end + then.end())
    introducer = result.introduced_by

    # 6. The encounter's date: explicit, today or past expressions.
    hits = [h for h in find_dates(doc.current, today, future=False) if h.kind != "future"]
    if hits:
        first = hits[0]
        if first.date > today:
            warnings.append(ParseWarning("future_date", cleaned[first.start : first.end]))
            if result.followup is None:
                result.followup = ParsedFollowUp(due=first.date)
            elif result.followup.due is None:
                result.followup.due = first.date
        else:
            result.occurred_at = now - dt.timedelta(days=(today - first.date).days)
            if first.date != today:
                result.occurred_at = dt.datetime.combine(
                    first.date, dt.time(12, 0), tzinfo=now.tzinfo
                )
            result.date_stated = True
        for hit in hits:
            doc.take(hit.start, hit.end)

    # 7. Parentheses: held aside, read later as a role or an e-mail of the name before them.
    parens: list[tuple[int, int, str]] = []
    for match in _PAREN.finditer(doc.current):
        parens.append((match.start(), match.end(), cleaned[match.start() + 1 : match.end() - 1]))
        doc.take(match.start(), match.end(), mark=HELD)

    # 8. Channel: the earliest cue.
    best: tuple[int, str] | None = None
    for pattern, channel in lx.CHANNEL_RE:
        found = pattern.search(doc.current)
        if found is not None and (best is None or found.start() < best[0]):
            best = (found.start(), channel)
    if best is not None:
        result.channel = best[1]

    # 9. People named after a trigger word.
    for match in lx.NAME_TRIGGERS.finditer(doc.current):
        before = doc.current[: match.start()].split()
        lowered = match.group(0).lower()
        if lowered in {"with", "avec", "w/"} and before and before[-1].lower() in lx.WITH_BLOCKERS:
            continue
        for name in _grab_names(doc.current, match.end()):
            if introducer is not None and fold(name.text) == fold(introducer.name):
                continue
            add_person(name.text, name.start, name.end)
            doc.take(name.start, name.end, mark="\ue002")
    # A capture that starts with a name ("Sophie Turner - photographer - met at…"), or a
    # clause that is only a name ("…Doctolib : Sébastien Faure, head of product").
    for clause_start, clause_end in _clauses(doc.current):
        piece = doc.current[clause_start:clause_end]
        names = _grab_names(doc.current, clause_start)
        if not names:
            continue
        name = names[0]
        rest = doc.current[name.end : clause_end].strip()
        leading = clause_start == 0 or not people
        if any(_is_channel_word(w) or w.lower() in _CUE_WORDS for w in name.text.split(" ")):
            continue
        if " " in name.text and name.text[:1].isupper() and (not rest or leading):
            if not piece.strip().startswith(name.text.split(" ")[0]):
                continue
            add_person(name.text, name.start, name.end)
            doc.take(name.start, name.end, mark="\ue002")

    # 10. E-mails: to the person right before them, or a person of their own.
    for address, start, _end in emails:
        owner_index = None
        for _s, e, p in sorted(spans, key=lambda t: t[1]):
            gap = cleaned[e:start]
            if e <= start and len(gap) <= 3 and gap.strip() in {"", "(", "<", "-", ",", ":"}:
                owner_index = p
        if owner_index is None:
            local = re.split(r"[._-]+", address.split("@")[0])
            parts = [p for p in local if p.isalpha() and len(p) > 1]
            known = index.by_email.get(address)
            if known is not None:
                owner_index = add_person(known.full_name, start, _end)
            elif len(parts) >= 2:
                owner_index = add_person(" ".join(_title(p) for p in parts[:3]), start, _end)
            else:
                owner_index = add_person(address.split("@")[0], start, _end)
        if address not in people[owner_index].emails:
            people[owner_index].emails.append(address)
        doc.take(start, _end, mark="\ue002")

    def person_before(position: int) -> int | None:
        before = [p for s, e, p in spans if e <= position and people[p].name != "\x00"]
        return before[-1] if before else (0 if people and people[0].name != "\x00" else None)

    def person_named_in(start: int, end: int) -> int | None:
        words = {fold(w) for w in _WORD.findall(cleaned[start:end])}
        for s, _e, p in spans:
            if start <= s < end:
                return p
        for i, person in enumerate(people):
            if person.name != "\x00" and fold(person.name).split(" ")[0] in words:
                return i
        return None

    # 11. Parentheses after a name: its e-mail or its role.
    for start, end, content in parens:
        target = next((p for s, e, p in spans if 0 <= start - e <= 2), None)
        if target is None or "@" in content:
            if target is None:
                # Not about a person: read it as text, as its own clause.
                doc.work[start:end] = [GONE, *cleaned[start + 1 : end - 1], GONE]
            continue
        _read_role(content, people[target], adjacent=True)

    # 12. Organizations stated with a verb ("works at Patagonia", "bosse chez Ubisoft").
    for match in lx.ORG_CUE.finditer(doc.current):
        org = _org_from(doc.current, match.end())
        if org is None:
            continue
        target = person_named_in(_clause_start(doc.current, match.start()), match.start())
        if target is None:
            target = person_before(match.start())
        if target is not None and not people[target].organization:
            people[target].organization = org[0]
            doc.take(match.start(), org[1])

    # "Tom Ford from Ford & Sons Bakery", "Jean-Baptiste Roy de la mairie".
    for match in re.finditer(r"\ue002+\s+(?:from|of|de|d'|d\u2019|du)\s*", doc.current):
        org = _org_from(doc.current, match.end())
        target = next(
            (p for s, e, p in spans if e == match.start() + len(match.group(0).split()[0])), None
        )
        if org is None or target is None or people[target].organization:
            continue
        if org[0].lower() in _CALENDAR_WORDS or org[0].lower() in lx.STOP:
            continue
        people[target].organization = org[0]
        doc.take(match.start() + len(match.group(0).split()[0]), org[1])

    # 13. Clause by clause: where, role and organization, facts.
    for start, end in _clauses(doc.current):
        _read_clause(
            doc,
            start,
            end,
            result=result,
            people=people,
            spans=spans,
            person_before=person_before,
            person_named_in=person_named_in,
        )

    # 14. Tidy people (drop the introducer's placeholder), match them, warn.
    result.people = [p for p in people if p.name != "\x00"]
    remap = {id(p): i for i, p in enumerate(result.people)}
    for fact in result.facts:
        if fact.person is not None:
            fact.person = remap.get(id(people[fact.person]))
    for person in result.people:
        index.resolve(person)
        if person.explicit and person.match is None and not person.ambiguous and index.known:
            warnings.append(ParseWarning("unknown_mention", person.name))
        if person.ambiguous:
            warnings.append(ParseWarning("ambiguous_person", person.name))
    if result.introduced_by is not None:
        index.resolve(result.introduced_by)
        if result.introduced_by.ambiguous:
            warnings.append(ParseWarning("ambiguous_person", result.introduced_by.name))
    if not result.people:
        warnings.append(ParseWarning("no_person"))

    # 15. What nobody understood.
    leftovers = []
    for start, end in _clauses(doc.current):
        piece = _tidy(doc.current[start:end])
        words = [w for w in _WORD.findall(piece) if w.lower() not in lx.STOP]
        meaningful = [w for w in words if w.lower() not in _CUE_WORDS and not _is_channel_word(w)]
        if meaningful:
            leftovers.append(piece)
    result.leftover = " … ".join(leftovers)
    if result.leftover:
        warnings.append(ParseWarning("not_understood", result.leftover))
    result.warnings = warnings
    return result


_PHRASAL_INTO = {
    "ran",
    "run",
    "bumped",
    "bump",
    "walked",
    "went",
    "got",
    "came",
    "looked",
    "look",
    "looking",
    "moved",
    "turned",
    "crashed",
}


def _phrasal(text: str, cue: re.Match[str]) -> bool:
    """ "ran into", "bumped into": a verb and its particle, not an interest."""
    if not cue.group(0).lower().endswith("into"):
        return False
    before = text[: cue.start()].split()
    return bool(before) and before[-1].lower() in _PHRASAL_INTO


def _is_channel_word(word: str) -> bool:
    return any(pattern.fullmatch(word) for pattern, _c in lx.CHANNEL_RE)


def _clauses(work: str) -> list[tuple[int, int]]:
    """Offsets of the clauses of the text, split at punctuation and consumed spans."""
    result = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(work):
        if match.start() > start:
            result.append((start, match.start()))
        start = match.end()
    if start < len(work):
        result.append((start, len(work)))
    return [(s, e) for s, e in result if work[s:e].strip(" \ue001")]


def _clause_start(work: str, position: int) -> int:
    starts = [s for s, e in _clauses(work) if s <= position]
    return starts[-1] if starts else 0


def _org_from(work: str, pos: int) -> tuple[str, int] | None:
    """A capitalised organization name from `pos` ("Ford & Sons Bakery", "L'Oréal")."""
    match = re.match(
        r"\s*(?:the\s+|la\s+|le\s+|l'|l\u2019)?((?:[A-Z0-9À-Þ][\w'\u2019.&-]*)(?:\s+(?:&|and|of|de|du|des|et|[A-Z0-9À-Þ][\w'\u2019.&-]*)){0,4})",
        work[pos:],
    )
    if match is None:
        lower = re.match(
            r"\s*(?:the\s+|la\s+|le\s+|l'|l\u2019)([a-zà-ÿ][\w'\u2019-]{2,30})", work[pos:]
        )
        if lower is None:
            return None
        return lower.group(1), pos + lower.end()
    name = re.sub(r"\s+(?:&|and|of|de|du|des|et)$", "", match.group(1)).strip()
    if not name or name.lower() in lx.STOP:
        return None
    return name, pos + match.start(1) + len(name)


def _plain_role(role: str) -> bool:
    """One or two plain lower-case words that could be a job ("physio", "cybersecurity")."""
    words = _WORD.findall(role)
    return (
        0 < len(words) <= 2
        and role.replace("-", "").replace(" ", "").isalpha()
        and all(w.islower() or (w.isupper() and len(w) <= 4) for w in words)
        and not any(
            w.lower() in lx.STOP or w.lower() in _CUE_WORDS or _is_channel_word(w) for w in words
        )
    )


def _read_role(text: str, person: ParsedPerson, *, adjacent: bool = False) -> bool:
    """Read "CTO at Lumen Labs", "graphiste", "she's a nurse" into a person; False if not a role.

    `adjacent`: the text sits right after the person's name, where a plain word is a role
    more often than not; elsewhere a role must contain a word that names a job.
    """
    if "@" in text:
        return False
    text = _tidy(text)
    while True:
        stripped = lx.ROLE_LEAD.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    text = re.sub(r"^(?:also|aussi|now|maintenant|currently|actuellement)\s+", "", text, flags=re.I)
    text = re.sub(r"\s+(?:now|maintenant|currently|actuellement)$", "", text, flags=re.I)
    if not text:
        return False
    role, org = text, ""
    split = lx.ROLE_ORG_SPLIT.search(text)
    if split is not None:
        role, org = text[: split.start()].strip(), text[split.end() :].strip()
        org = re.sub(r"^(?:the|la|le|l'|l\u2019)\s*", "", org, flags=re.I)
        found = _org_from(org, 0)
        org = found[0] if found else ""
        if org.lower() in _CALENDAR_WORDS:
            org = ""
    role = _tidy(role)
    if role and not (_role_like(role) or (adjacent and _plain_role(role))):
        return False
    if not role and not org:
        return False
    if role and not person.role:
        person.role = role[:200]
    if org and not person.organization:
        person.organization = org[:200]
    return True


_WHERE_STOP = re.compile(
    r"\s(?:with|w/|avec|to|pour|for|and\s+(?:we|i|she|he)|et\s+(?:on|j'|il|elle)|about|re|who|qui|yesterday|hier|today|tonight|since|because|car|parce)\b",
    re.I,
)


def _read_clause(  # noqa: PLR0915 -- where, role and facts of one clause share its offsets
    doc: _Doc,
    start: int,
    end: int,
    *,
    result: CaptureParse,
    people: list[ParsedPerson],
    spans: list[tuple[int, int, int]],
    person_before: Callable[[int], int | None],
    person_named_in: Callable[[int, int], int | None],
) -> None:
    work = doc.current
    text = work[start:end]
    # Facts: every cue in the clause, each running to the next cue.
    cues = [m for m in lx.FACT_RE.finditer(text) if not _phrasal(text, m)]
    fact_zone_start = cues[0].start() if cues else len(text)
    head = text[:fact_zone_start]
    has_person = "\ue002" in head
    # Where: after a person or a channel, or opening a clause.
    place = lx.PLACE_PREP.search(head)
    if place is not None and not result.place and not result.event:
        before = _tidy(head[: place.start()])
        before_words = [w for w in _WORD.findall(before) if w.lower() not in lx.STOP]
        role_before = before and _role_like(before) and not has_person
        if not role_before and (
            has_person or not before_words or _mentions_channel(before) or _is_event(before)
        ):
            stop = _WHERE_STOP.search(head, place.end())
            where_end = stop.start() if stop else len(head)
            chunk = head[place.end() : where_end]
            cut = re.search(r"[\ue002\ue003\ue000\ue001]", chunk)
            if cut:
                chunk = chunk[: cut.start()]
            where = _tidy(chunk)
            prep = place.group(0).strip().lower()
            if where and _WORD.fullmatch(where.split(" ")[0].lower() or "-") is not None:
                if prep.startswith(("dans", "on", "in ")) and not prep.startswith("in line"):
                    where = place.group(0).split(" ", 1)[-1].strip() + " " + where
                    where = _tidy(re.sub(r"^(?:on|in|dans)\s+", "", where, flags=re.I))
                if _is_event(where) or _is_event(before):
                    result.event = (
                        where
                        if not before_words or _is_event(where)
                        else _tidy(before) + " " + where
                    )
                    if result.event != where:
                        result.event = where
                else:
                    result.place = where
                if before_words and _is_event(before) and not has_person and not _is_event(where):
                    result.event = ""
                    result.place = where
                doc.take(start + place.start(), start + place.end() + len(chunk))
                if before and not has_person and _is_event(before):
                    doc.take(start, start + place.start())
    # Role and organization: a clause with no fact cue that reads like a job.
    if not cues:
        text_now = doc.current[start:end]
        # What comes before a name is how they were met ("Déjeuner avec"), not a role.
        after_name = text_now.rsplit("\ue002", 1)[-1] if "\ue002" in text_now else text_now
        remainder = _tidy(after_name)
        if remainder:
            target = person_named_in(start, end)
            lead_name = None
            if target is not None:
                first_name = fold(people[target].name).split(" ")[0]
                lead_name = re.match(
                    r"\s*" + re.escape(first_name) + r"\w*\s+(?:is|est|'s)\s+", fold(remainder)
                )
            if target is None:
                target = person_before(start)
            if target is not None:
                candidate = remainder
                if lead_name is not None:
                    candidate = remainder[lead_name.end() :]
                adjacent = lead_name is not None or _follows_person(doc.current, start, spans)
                if _read_role(candidate, people[target], adjacent=adjacent):
                    doc.take(start, end)
                    return
        return
    # Facts.
    subject_text = text[: cues[0].start()]
    target = person_named_in(start, start + cues[0].start())
    if target is None:
        target = person_before(start + cues[0].start())
    mine = bool(lx.MY_SUBJECT.search(subject_text.replace("\ue002", " ")))
    # A role before the first cue: "Sophie Turner, photographer, also shoots…" is split
    # already; "Manon est graphiste freelance" has no cue; "graphic designer also shoots" does.
    for n, cue in enumerate(cues):
        kind = re.sub(r"\d+$", "", cue.lastgroup or "")
        body_end = cues[n + 1].start() if n + 1 < len(cues) else len(text)
        body = text[cue.end() : body_end]
        body = re.sub(
            r"\s+(?:and|et|&|but|mais)\s*$", "", body.replace("\ue002", " ").rstrip(), flags=re.I
        )
        body = re.sub(r"^\s*(?:also|aussi|and|et|then)\s+", "", body, flags=re.I)
        body = re.sub(
            r"\s+(?:(?:she|he|they|il|elle|ils|elles)(?:'s|\u2019s|'re)?|is|est)\s*$",
            "",
            body,
            flags=re.I,
        )
        fact_text = _tidy(body)
        if kind == "offer" and cue.group(0).lower().startswith("also"):
            fact_text = _tidy(cue.group(0)[4:] + body)
        if kind == "interest" and cue.group(0).lower().startswith(("runs", "plays")):
            fact_text = _tidy(cue.group(0) + body)
        if not fact_text or not any(w.lower() not in lx.STOP for w in _WORD.findall(fact_text)):
            continue
        if mine and n == 0:
            continue
        result.facts.append(ParsedFact(kind=kind, text=fact_text[:500], person=target))
    doc.take(start + cues[0].start(), end)
    # Whatever precedes the first cue may still be a role ("graphic designer, also…").
    lead = _tidy(doc.current[start : start + cues[0].start()].rsplit("\ue002", 1)[-1])
    adjacent = _follows_person(doc.current, start, spans)
    if lead and target is not None and _read_role(lead, people[target], adjacent=adjacent):
        doc.take(start, start + cues[0].start())


def _follows_person(work: str, start: int, spans: list[tuple[int, int, int]]) -> bool:
    """The clause opens right after a name (only punctuation or a name between)."""
    gap_start = start
    while gap_start > 0 and work[gap_start - 1] in " ,;:-\u2013\u2014\ue001\ue000()":
        gap_start -= 1
    if gap_start > 0 and work[gap_start - 1] == "\ue002":
        return True
    return any(e == gap_start for _s, e, _p in spans)


def _mentions_channel(text: str) -> bool:
    return any(pattern.search(text) for pattern, _c in lx.CHANNEL_RE)


def _is_event(text: str) -> bool:
    return any(w.lower() in lx.EVENT_WORDS for w in _WORD.findall(text))
