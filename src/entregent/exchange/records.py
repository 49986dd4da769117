"""What every importer reads a file into, and every exporter writes out: plain dataclasses.

Readers (vCard, LinkedIn/Google/Outlook/any CSV) are pure Python, with no Django import:
they turn bytes into a stream of `ContactRecord` and `SkippedRecord`, or raise
`FormatError` when the file as a whole cannot be read. The import service (services.py)
matches records to existing people, previews, and writes them in one transaction.

Nothing is lost: whatever a reader does not map to a field below goes to `kept`, in the
reader's own words, so that an export of the same format can give it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol


class FormatError(Exception):
    """The file cannot be read at all (not this format, truncated, undecodable).

    `line` is 1-based in the file as written (physical lines, before unfolding), or None
    when no line applies (e.g. an empty file).
    """

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class KeptValue:
    """One field of the source that Entregent does not model, kept verbatim.

    For vCard: `name` is the property name with its group (`item1.X-ABLabel`), `params`
    the parameters as written (`TYPE=HOME;PREF=1`), `value` the decoded value. For CSV:
    `name` is the column header, `params` empty, `value` the cell.
    """

    name: str
    value: str
    params: str = ""


@dataclass
class Labelled:
    """An e-mail, phone or link with its label as the source wrote it (home, work, …)."""

    value: str
    label: str = ""


@dataclass
class ContactRecord:
    """One person as read from a file, before matching and validation.

    `line` is where the record starts in the file (1-based), used in every message about
    it. `source_key` is a stable identity in the source (vCard UID, LinkedIn profile URL,
    Google resource name) when there is one; re-imports match on it first.
    """

    line: int
    full_name: str = ""
    given_name: str = ""
    middle_name: str = ""
    family_name: str = ""
    prefix: str = ""
    suffix: str = ""
    nickname: str = ""
    organization: str = ""
    department: str = ""
    role: str = ""
    emails: list[Labelled] = field(default_factory=list)
    phones: list[Labelled] = field(default_factory=list)
    links: list[Labelled] = field(default_factory=list)
    city: str = ""
    region: str = ""
    country: str = ""
    notes: str = ""
    birthday: dt.date | None = None
    # A birthday without a year (vCard --MMDD): month and day only.
    birthday_month_day: tuple[int, int] | None = None
    tags: list[str] = field(default_factory=list)
    # LinkedIn's "Connected On": becomes the first encounter (channel social).
    connected_on: dt.date | None = None
    source_key: str = ""
    kept: list[KeptValue] = field(default_factory=list)

    def display_name(self) -> str:
        """The best name the record has, for previews and messages."""
        if self.full_name.strip():
            return self.full_name.strip()
        parts = (self.prefix, self.given_name, self.middle_name, self.family_name, self.suffix)
        joined = " ".join(p.strip() for p in parts if p.strip())
        if joined:
            return joined
        if self.organization.strip():
            return self.organization.strip()
        if self.emails:
            return self.emails[0].value
        return ""


@dataclass(frozen=True)
class SkippedRecord:
    """A record the reader could not use, with the reason, so the preview can show it."""

    line: int
    reason: str


class Reader(Protocol):
    """A format reader: a seekable binary file in, records out, streamed in bounded memory.

    Readers may read the start of the file to guess its encoding, then seek back to 0.
    """

    def __call__(self, stream: BinaryIO) -> Iterator[ContactRecord | SkippedRecord]: ...
