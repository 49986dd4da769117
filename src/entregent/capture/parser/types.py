"""The parser's inputs and outputs: plain dataclasses, JSON-serialisable with `to_dict()`."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class KnownPerson:
    """Someone the owner already knows, as the parser needs to recognise them."""

    id: int
    full_name: str
    emails: tuple[str, ...] = ()


@dataclass
class Candidate:
    """A known person an extracted name could be; `reason` says how it was matched."""

    id: int
    full_name: str
    score: float
    reason: str  # mention, email, exact, fuzzy, given_name


@dataclass
class ParsedPerson:
    """A person found in the text, with what was said about their work."""

    name: str
    role: str = ""
    organization: str = ""
    emails: list[str] = field(default_factory=list)
    explicit: bool = False  # written as @Name: never a guess
    match: Candidate | None = None  # the known person this is, when sure
    candidates: list[Candidate] = field(default_factory=list)  # when not sure
    ambiguous: bool = False

    @property
    def is_new(self) -> bool:
        return self.match is None and not self.ambiguous


@dataclass
class ParsedFact:
    """Something learned: kind is interest, offer, need or project."""

    kind: str
    text: str
    person: int | None = None  # index into CaptureParse.people


@dataclass
class ParsedFollowUp:
    """What to do next and by when; `due` is None when no date was stated."""

    due: dt.date | None
    topic: str = ""


@dataclass
class ParseWarning:
    """Something the parser could not understand or had to guess; `code` is stable."""

    code: (
        str  # not_understood, no_person, unknown_mention, ambiguous_person, future_date, truncated
    )
    text: str = ""


@dataclass
class CaptureParse:
    """Everything read from one capture."""

    text: str
    language: str
    occurred_at: dt.datetime
    date_stated: bool = False
    channel: str | None = None
    place: str = ""
    event: str = ""
    introduced_by: ParsedPerson | None = None
    people: list[ParsedPerson] = field(default_factory=list)
    facts: list[ParsedFact] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    followup: ParsedFollowUp | None = None
    leftover: str = ""
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def ambiguous(self) -> list[ParsedPerson]:
        found = [p for p in self.people if p.ambiguous]
        if self.introduced_by is not None and self.introduced_by.ambiguous:
            found.append(self.introduced_by)
        return found

    def facts_by_kind(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for fact in self.facts:
            result.setdefault(fact.kind, []).append(fact.text)
        return result

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only: dates as ISO strings."""
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
