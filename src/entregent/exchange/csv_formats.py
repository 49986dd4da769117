"""CSV address books in and out: LinkedIn, Google (current and legacy), Outlook, any CSV.

Pure Python (no Django import): bytes in, `ContactRecord`/`SkippedRecord` out, streamed.

- The encoding is decided once, on a bounded sample: a BOM (UTF-8, UTF-16 as Outlook and
  Google write), else UTF-16 without BOM (NUL bytes every other byte), else UTF-8 if the
  sample is valid UTF-8, else the candidate of `charset-normalizer` whose decoding looks
  least like a wrong code page's debris (`_implausible`), Windows-1252 first among equals:
  on a short French sample the detector alone often ranks a Central European code page
  first and turns `è` into `č`. A byte further down that the chosen codec cannot decode is
  read as Windows-1252 instead of failing.
- The file is split into physical lines by hand so that `csv.reader.line_num` counts the
  lines as written (a quoted cell spanning three lines counts three): every record and
  every error names the line where its row starts.
- A layout maps each column header to a handler (a field, an e-mail/phone/link with its
  label, a date, tags). Any column without a handler, and any cell that a handler could
  not use (a date that is not one, a second city), is kept as a `KeptValue` named after
  its header: nothing of the file is lost.
- Our own export (`write_csv`/`iter_csv`, layout "entregent") writes every field of a
  record, multi-valued cells one value per line, kept values as JSON, and guards cells
  that a spreadsheet would run as formulas; `read_csv` reads it back to equal records.

The messages (`FormatError.message`, `SkippedRecord.reason`) are English msgids marked
with `gettext_noop`; whoever shows them translates them with `gettext`.
"""

from __future__ import annotations

import calendar
import codecs
import csv
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, TextIO

from entregent.exchange.records import (
    ContactRecord,
    FormatError,
    KeptValue,
    Labelled,
    SkippedRecord,
)

if TYPE_CHECKING:
    import _csv

__all__ = [
    "LAYOUTS",
    "MAPPING_FIELDS",
    "CsvLayoutInfo",
    "detect_encoding",
    "detect_layout",
    "iter_csv",
    "parse_date",
    "read_csv",
    "read_header",
    "suggest_mapping",
    "write_csv",
]


def gettext_noop(message: str) -> str:
    """Mark a message for translation without translating it (the caller translates)."""
    return message


LAYOUTS = (
    "linkedin",
    "google",
    "google_legacy",
    "outlook",
    "outlook_express",
    "entregent",
    "generic",
)

# What a generic mapping may name: the fields of ContactRecord that a column can fill,
# plus "ignore" (the column is not mapped; its cells are still kept, nothing is lost).
MAPPING_FIELDS = (
    "full_name",
    "given_name",
    "middle_name",
    "family_name",
    "prefix",
    "suffix",
    "nickname",
    "organization",
    "department",
    "role",
    "emails",
    "phones",
    "links",
    "city",
    "region",
    "country",
    "notes",
    "birthday",
    "tags",
    "connected_on",
    "source_key",
    "ignore",
)

SAMPLE_BYTES = 64 * 1024
CHUNK_CHARS = 64 * 1024
# LinkedIn's "Notes:" preamble is a paragraph; a header must come after this many lines.
MAX_PREAMBLE_LINES = 50
# The csv module's default cell limit (128 KB) would refuse a whole address book for one
# long note; this still bounds what an unclosed quote can gather before it is reported.
MAX_CELL_CHARS = 16 * 1024 * 1024
# A physical line longer than this is not an address book (a binary file, or no newlines).
MAX_LINE_CHARS = 4 * 1024 * 1024

MSG_EMPTY = gettext_noop("The file is empty: there is no header row.")
MSG_BINARY = gettext_noop("This is not a CSV file: it contains binary data.")
MSG_NO_HEADER = gettext_noop(
    "This is not a CSV file with a header row: the first row does not name its columns."
)
MSG_VCARD = gettext_noop("This is a vCard file, not a CSV file.")
MSG_UNCLOSED = gettext_noop(
    "A quoted cell is never closed: the file is truncated or its quotes are broken."
)
MSG_BAD_QUOTES = gettext_noop(
    "A quoted cell is followed by other characters: the quotes are broken."
)
MSG_CELL_TOO_BIG = gettext_noop("A cell is too large (an unclosed quote?).")
MSG_LINE_TOO_LONG = gettext_noop("A line is too long: this does not look like a CSV file.")
MSG_TRUNCATED = gettext_noop(
    "The last row is incomplete (fewer cells than columns, no line end): the file seems truncated."
)
MSG_NO_IDENTITY = gettext_noop("No name, e-mail address or phone number.")


# --- encoding -----------------------------------------------------------------------------


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("entregent-cp1252-fallback", _cp1252_fallback)


def detect_encoding(sample: bytes) -> str:
    """The codec to read a file whose first bytes are `sample` (see the module docstring)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = sample[:4096]
    if len(head) >= 4:
        even_nuls = head[0::2].count(0)
        odd_nuls = head[1::2].count(0)
        half = len(head) // 2
        if odd_nuls > half * 0.6 and even_nuls < half * 0.1:
            return "utf-16-le"
        if even_nuls > half * 0.6 and odd_nuls < half * 0.1:
            return "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    from charset_normalizer import from_bytes

    # Cut at the last newline so that no candidate sees half a character.
    cut = sample.rfind(b"\n")
    sample = sample[: cut + 1] if cut > 0 else sample
    candidates = [m.encoding for m in from_bytes(sample)][:8]
    # Windows-1252 first among equals: on a short sample the detector often ranks a
    # Central European code page first and turns a French `è` into `č`.
    ordered = ["cp1252", *(c for c in candidates if c != "cp1252")]
    best, best_score = "cp1252", None
    for name in ordered:
        try:
            decoded = sample.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _implausible(decoded)
        if best_score is None or score < best_score:
            best, best_score = name, score
    return best


# Non-ASCII characters that are not letters but are normal in address books.
_USUAL_SIGNS = frozenset("\u00a0«»€–—‘’‚“”„…°·§£¥©®™¿¡µ×÷¢¤¦¨ª¬¯±²³´¶¸¹º¼½¾•†‡‰")  # noqa: RUF001


def _implausible(text: str) -> int:
    """How many characters of a decoded sample look like a wrong code page's debris.

    A wrong single-byte code page turns letters into signs or C1 controls in the middle of
    words (Polish `Żółć` read as Windows-1252 is `¯ó³æ`): count non-ASCII characters that
    are not letters, weighting those between two letters. A wrong code page also turns
    a Cyrillic, Greek or Chinese word into a run of accented Latin letters (`Èìÿ`): count
    the words of three letters or more that are mostly non-ASCII Latin letters.
    """
    score = 0
    for word in re.findall(r"[^\W\d_]{3,}", text):
        latin = sum(
            1 for ch in word if ch >= "\x80" and unicodedata.name(ch, "").startswith("LATIN")
        )
        if latin * 2 > len(word):
            score += 2
    for k, ch in enumerate(text):
        if ch < "\x80" or ch.isalpha() or unicodedata.category(ch).startswith("M"):
            continue
        inside = 0 < k < len(text) - 1 and text[k - 1].isalpha() and text[k + 1].isalpha()
        if inside:
            score += 3
        elif ch not in _USUAL_SIGNS:
            score += 1
    return score


def _lines(stream: BinaryIO, encoding: str) -> Iterator[str]:
    """The physical lines of the file as text, each with its line ending."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="entregent-cp1252-fallback")
    eol = re.compile(r"\r\n|\n|\r")
    buf = ""
    line_no = 0
    while True:
        chunk = stream.read(CHUNK_CHARS)
        final = not chunk
        buf += decoder.decode(chunk or b"", final=final)
        pos = 0
        for m in eol.finditer(buf):
            if not final and m.group() == "\r" and m.end() == len(buf):
                break  # maybe the first half of a \r\n split between two chunks
            line_no += 1
            yield buf[pos : m.end()]
            pos = m.end()
        buf = buf[pos:]
        if len(buf) > MAX_LINE_CHARS:
            raise FormatError(MSG_LINE_TOO_LONG, line=line_no + 1)
        if final:
            if buf:
                yield buf
            return


# --- header, delimiter, layout ------------------------------------------------------------


def _norm(header: str) -> str:
    """A header as compared: trimmed, lowercased, inner spaces collapsed, BOM removed."""
    return " ".join(header.replace("\ufeff", "").strip().strip('"').lower().split())


def _fold(text: str) -> str:
    """Lowercased without accents, for matching French headers written with or without."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _is_preamble_start(line: str) -> bool:
    return _norm(line).rstrip(",;\t").strip('"') == "notes:"


def _sniff_delimiter(line: str) -> str:
    counts = dict.fromkeys((",", ";", "\t"), 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass
class CsvLayoutInfo:
    """What the start of a file says: encoding, delimiter, header row and its line."""

    encoding: str
    delimiter: str
    headers: list[str]
    header_line: int
    layout: str


def _is_blank_row(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)


class _Source:
    """A csv.reader over the physical lines, remembering where each row starts."""

    def __init__(self, stream: BinaryIO) -> None:
        stream.seek(0)
        sample = stream.read(SAMPLE_BYTES)
        stream.seek(0)
        if not sample.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
            raise FormatError(MSG_EMPTY, line=None)
        self.encoding = detect_encoding(sample)
        if not self.encoding.startswith("utf-16"):
            nul = sample.find(b"\x00")
            if nul >= 0:
                raise FormatError(MSG_BINARY, line=sample[:nul].count(b"\n") + 1)
        self._lines = _lines(stream, self.encoding)
        self._lines_read = 0
        self._last_text = ""
        self._pending: list[str] = []
        self.delimiter = ","
        self._csv: _csv._reader | None = None
        # Lines before the header's first line, and the csv reader's line count at the end
        # of the previous row: a row starts on the line after both.
        self._base = 0
        self._last_line = 0

    def _next_line(self) -> str | None:
        if self._pending:
            return self._pending.pop(0)
        line = next(self._lines, None)
        if line is not None:
            self._last_text = line
            self._lines_read += 1
            if "\x00" in line:
                raise FormatError(MSG_BINARY, line=self._lines_read)
        return line

    def _feed(self) -> Iterator[str]:
        while (line := self._next_line()) is not None:
            yield line

    def start(self) -> tuple[list[str], int]:
        """Skip a LinkedIn preamble, sniff the delimiter, and return the header and its line."""
        first = self._next_line()
        skipped = 0
        while first is not None and not first.strip():
            skipped += 1
            first = self._next_line()
        if first is None:
            raise FormatError(MSG_EMPTY, line=None)
        if _is_preamble_start(first):
            # LinkedIn: "Notes:", a quoted paragraph (possibly over several lines), a blank
            # line, then the header. Read the preamble as CSV rows until the blank one.
            skipped += 1
            pre = csv.reader(self._feed(), strict=False)
            for row in pre:
                if _is_blank_row(row):
                    break
                if pre.line_num > MAX_PREAMBLE_LINES:
                    raise FormatError(MSG_NO_HEADER, line=skipped + 1)
            skipped += pre.line_num
            first = self._next_line()
            while first is not None and not first.strip():
                skipped += 1
                first = self._next_line()
            if first is None:
                raise FormatError(MSG_EMPTY, line=None)
        self.delimiter = _sniff_delimiter(first)
        self._pending.insert(0, first)
        self._base = skipped
        self._csv = csv.reader(self._feed(), delimiter=self.delimiter, strict=True)
        header_line = skipped + 1
        header = self._read_row()
        if header is None:
            raise FormatError(MSG_EMPTY, line=None)
        header = [h.replace("\ufeff", "").strip() for h in header]
        if header and header[0].strip().lower() == "begin:vcard":
            raise FormatError(MSG_VCARD, line=header_line)
        if not _looks_like_header(header):
            raise FormatError(MSG_NO_HEADER, line=header_line)
        return header, header_line

    def _read_row(self) -> list[str] | None:
        assert self._csv is not None
        try:
            return next(self._csv)
        except StopIteration:
            return None
        except csv.Error as exc:
            line = self._base + self._csv.line_num
            text = str(exc)
            if "end of data" in text:
                raise FormatError(MSG_UNCLOSED, line=self._row_start) from exc
            if "field larger" in text:
                raise FormatError(MSG_CELL_TOO_BIG, line=self._row_start) from exc
            raise FormatError(MSG_BAD_QUOTES, line=line) from exc

    @property
    def _row_start(self) -> int:
        return self._base + self._last_line + 1

    def rows(self) -> Iterator[tuple[int, list[str], bool]]:
        """Every row after the header with the physical line it starts on, and whether it
        is the last row of a file that ends in the middle of a line (maybe truncated)."""
        assert self._csv is not None
        self._last_line = self._csv.line_num
        previous: tuple[int, list[str]] | None = None
        while True:
            row = self._read_row()
            if row is None:
                break
            start = self._row_start
            self._last_line = self._csv.line_num
            if previous is not None:
                yield (*previous, False)
            previous = (start, row)
        if previous is not None:
            yield (*previous, not self._last_text.endswith(("\n", "\r")))


_NUMBER_LIKE = re.compile(r"[\d\s+()./:-]+")


def _looks_like_header(header: list[str]) -> bool:
    cells = [h for h in header if h.strip()]
    if not cells:
        return False
    if len(cells) >= 2:
        # Column names are short and are not e-mail addresses, numbers or dates: a file
        # whose first row is data has no header.
        if any("@" in c or len(c) > 200 for c in cells):
            return False
        return sum(1 for c in cells if _NUMBER_LIKE.fullmatch(c)) * 2 <= len(cells)
    return _generic_field(cells[0]) is not None


def read_header(stream: BinaryIO) -> CsvLayoutInfo:
    """Encoding, delimiter, header and layout of a CSV file; the stream is left at 0.

    Raises FormatError (naming the line) when the file is not a CSV with a header.
    """
    source = _Source(stream)
    try:
        headers, line = source.start()
    finally:
        stream.seek(0)
    return CsvLayoutInfo(
        encoding=source.encoding,
        delimiter=source.delimiter,
        headers=headers,
        header_line=line,
        layout=_layout_of(headers),
    )


def detect_layout(stream: BinaryIO) -> str:
    """Which exporter wrote this CSV: one of `LAYOUTS` ("generic" when none is known)."""
    return read_header(stream).layout


_NUMBERED = re.compile(
    r"^(e-mail|phone|website|address|organization|relation|custom field|event|im) (\d+) - (\w[\w ]*)$"
)


def _layout_of(headers: list[str]) -> str:
    h = {_norm(x) for x in headers}
    if {"e-mail labels", "other fields"} <= h and "full name" in h:
        return "entregent"
    linkedin_url = "url" in h or "profile url" in h
    if {"first name", "last name"} <= h and (
        "connected on" in h or (linkedin_url and ("position" in h or "company" in h))
    ):
        return "linkedin"
    numbered = [m for m in (_NUMBERED.match(x) for x in h) if m]
    legacy_marks = "group membership" in h or any(m.group(3) == "type" for m in numbered)
    if legacy_marks and ("given name" in h or "family name" in h or "name" in h):
        return "google_legacy"
    if "first name" in h and (
        "labels" in h
        or "organization name" in h
        or "file as" in h
        or any(m.group(3) in ("label", "value") for m in numbered)
    ):
        return "google"
    if "e-mail type" in h or "e-mail 2 address" in h or "business street 2" in h:
        return "outlook"
    folded = {_fold(x) for x in h}
    if "adresse de messagerie" in folded or "type de messagerie" in folded:
        return "outlook"
    if "e-mail address" in h and (
        "name" in h or "nickname" in h or "personal web page" in h or "home country/region" in h
    ):
        return "outlook_express"
    if "e-mail address" in h and ("business phone" in h or "job title" in h):
        return "outlook"
    return "generic"


# --- dates ----------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
    _MONTHS[calendar.month_name[_i].lower()] = _i
_MONTHS.update(
    {
        "sept": 9,
        "janv": 1,
        "janvier": 1,
        "fevr": 2,
        "fev": 2,
        "fevrier": 2,
        "mars": 3,
        "avr": 4,
        "avril": 4,
        "mai": 5,
        "juin": 6,
        "juil": 7,
        "juillet": 7,
        "aout": 8,
        "septembre": 9,
        "octobre": 10,
        "novembre": 11,
        "dec": 12,
        "decembre": 12,
    }
)

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T].*)?$")
_WORDY = re.compile(r"^(\d{1,2})[ \-]([^\W\d_]+)\.?[ \-,]+(\d{2}|\d{4})$")
_WORDY_US = re.compile(r"^([^\W\d_]+)\.? (\d{1,2}),? (\d{4})$")


def _year(text: str, today: dt.date) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000
        if year > today.year:
            year -= 100
    return year


@dataclass(frozen=True)
class ParsedDate:
    """A date cell read: a full date, a month and day without year, or nothing (empty)."""

    date: dt.date | None = None
    month_day: tuple[int, int] | None = None


def parse_date(
    text: str, *, dayfirst: bool = False, today: dt.date | None = None
) -> ParsedDate | None:
    """A date as the exporters write it, or None when the text is not a date.

    ISO (`2021-03-12`, with a time after it), `--03-12` (no year), `12 Mar 2021`,
    `15-Jan-24`, `Mar 12, 2021`, French month names, and numeric `1/2/1980` (month first
    unless `dayfirst`, or unless the first number cannot be a month). Outlook's `0/0/00`
    means no date: an empty `ParsedDate`.
    """
    today = today or dt.date.today()
    s = text.strip()
    if not s or s in {"0/0/00", "0/0/0000", "00/00/0000"}:
        return ParsedDate()
    try:
        if m := _ISO.match(s):
            return ParsedDate(date=dt.date(int(m[1]), int(m[2]), int(m[3])))
        if m := _NO_YEAR.match(s):
            month, day = int(m[1]), int(m[2])
            dt.date(2000, month, day)  # validates (2000 is a leap year: 02-29 passes)
            return ParsedDate(month_day=(month, day))
        if m := _NUMERIC.match(s):
            a, b, year = int(m[1]), int(m[2]), _year(m[3], today)
            if a == 0 and b == 0:
                return ParsedDate()
            day, month = (a, b) if (dayfirst or a > 12) and b <= 12 else (b, a)
            return ParsedDate(date=dt.date(year, month, day))
        if m := _WORDY.match(s):
            named = _MONTHS.get(_fold(m[2]).rstrip("."))
            if named:
                return ParsedDate(date=dt.date(_year(m[3], today), named, int(m[1])))
        if m := _WORDY_US.match(s):
            named = _MONTHS.get(_fold(m[1]).rstrip("."))
            if named:
                return ParsedDate(date=dt.date(int(m[3]), named, int(m[2])))
    except ValueError:
        return None
    return None


# --- column handlers ------------------------------------------------------------------------

_SCALARS = frozenset(
    {
        "full_name",
        "given_name",
        "middle_name",
        "family_name",
        "prefix",
        "suffix",
        "nickname",
        "organization",
        "department",
        "role",
        "city",
        "region",
        "country",
        "source_key",
    }
)


@dataclass(frozen=True)
class Col:
    """What to do with one column: `kind` is a scalar field name, or emails/phones/links
    (with a fixed `label`, or the label read from the `group` column), notes, tags
    (split on `sep`), birthday, connected_on, or a numbered group's label."""

    kind: str
    label: str = ""
    group: str = ""
    sep: str = ""


_LABEL_WORDS = {
    "home": "home",
    "personal": "home",
    "private": "home",
    "domicile": "home",
    "perso": "home",
    "personnel": "home",
    "work": "work",
    "business": "work",
    "office": "work",
    "bureau": "work",
    "travail": "work",
    "professionnel": "work",
    "pro": "work",
    "mobile": "mobile",
    "cell": "mobile",
    "portable": "mobile",
    "fax": "fax",
    "telecopie": "fax",
    "pager": "pager",
    "other": "other",
    "autre": "other",
}


_STANDARD_LABELS = frozenset(
    {"home", "work", "mobile", "other", "main", "pager", "fax", "home fax", "work fax"}
)


def _label_from_header(header: str) -> str:
    words = re.findall(r"[a-z]+", _fold(header))
    labels = [_LABEL_WORDS[w] for w in words if w in _LABEL_WORDS]
    if "work" in labels and "fax" in labels:
        return "work fax"
    if "home" in labels and "fax" in labels:
        return "home fax"
    return labels[0] if labels else ""


def _clean_label(label: str) -> str:
    """Google writes `* Home` for the primary value, `Home`, `Mobile`: the usual labels in
    lowercase as the other readers give them (`home`), any other label as written."""
    label = label.strip().lstrip("*").strip()
    return label.lower() if label.lower() in _STANDARD_LABELS else label


_LINKEDIN = {
    "first name": Col("given_name"),
    "last name": Col("family_name"),
    "email address": Col("emails"),
    "e-mail address": Col("emails"),
    "company": Col("organization"),
    "position": Col("role"),
    "connected on": Col("connected_on"),
    "url": Col("source_key"),
    "profile url": Col("source_key"),
}


def _google_columns(header: str, legacy: bool) -> Col | None:
    h = _norm(header)
    fixed = {
        "name": Col("full_name"),
        "given name": Col("given_name"),
        "first name": Col("given_name"),
        "additional name": Col("middle_name"),
        "middle name": Col("middle_name"),
        "family name": Col("family_name"),
        "last name": Col("family_name"),
        "name prefix": Col("prefix"),
        "name suffix": Col("suffix"),
        "nickname": Col("nickname"),
        "organization name": Col("organization"),
        "organization title": Col("role"),
        "organization department": Col("department"),
        "birthday": Col("birthday"),
        "notes": Col("notes"),
        "labels": Col("tags", sep=":::"),
        "group membership": Col("tags", sep=":::"),
    }
    if h in fixed:
        return fixed[h]
    m = _NUMBERED.match(h)
    if not m:
        return None
    what, n, part = m.group(1), m.group(2), m.group(3)
    label_part = "type" if legacy else "label"
    prefix = header.strip()[: -len(part)]  # "E-mail 1 - "
    group = prefix + ("Type" if legacy else "Label")
    kinds = {"e-mail": "emails", "phone": "phones", "website": "links"}
    if what in kinds:
        if part == label_part:
            return Col("label")
        if part == "value":
            return Col(kinds[what], group=group)
        return None
    if what == "organization" and n == "1":
        return {
            "name": Col("organization"),
            "title": Col("role"),
            "department": Col("department"),
        }.get(part)
    if what == "address" and n == "1":
        return {"city": Col("city"), "region": Col("region"), "country": Col("country")}.get(part)
    return None


_OUTLOOK = {
    "title": Col("prefix"),
    "first name": Col("given_name"),
    "middle name": Col("middle_name"),
    "last name": Col("family_name"),
    "suffix": Col("suffix"),
    "name": Col("full_name"),
    "nickname": Col("nickname"),
    "company": Col("organization"),
    "department": Col("department"),
    "job title": Col("role"),
    "business city": Col("city"),
    "business state": Col("region"),
    "business country": Col("country"),
    "business country/region": Col("country"),
    "home city": Col("city"),
    "home state": Col("region"),
    "home country": Col("country"),
    "home country/region": Col("country"),
    "business phone": Col("phones", label="work"),
    "business phone 2": Col("phones", label="work"),
    "home phone": Col("phones", label="home"),
    "home phone 2": Col("phones", label="home"),
    "mobile phone": Col("phones", label="mobile"),
    "primary phone": Col("phones", label="main"),
    "company main phone": Col("phones", label="work"),
    "other phone": Col("phones", label="other"),
    "business fax": Col("phones", label="work fax"),
    "home fax": Col("phones", label="home fax"),
    "pager": Col("phones", label="pager"),
    "e-mail address": Col("emails"),
    "e-mail 2 address": Col("emails"),
    "e-mail 3 address": Col("emails"),
    "birthday": Col("birthday"),
    "notes": Col("notes"),
    "categories": Col("tags", sep=";"),
    "web page": Col("links"),
    "personal web page": Col("links", label="home"),
    "business web page": Col("links", label="work"),
}

# French Outlook writes the same 92 columns with French names (accents folded here).
# "Titre" appears twice: first the courtesy title, then the job title.
_OUTLOOK_FR = {
    "prenom": Col("given_name"),
    "deuxieme prenom": Col("middle_name"),
    "nom": Col("family_name"),
    "suffixe": Col("suffix"),
    "societe": Col("organization"),
    "service": Col("department"),
    "ville (bureau)": Col("city"),
    "dep/region (bureau)": Col("region"),
    "pays/region (bureau)": Col("country"),
    "ville (domicile)": Col("city"),
    "dep/region (domicile)": Col("region"),
    "pays/region (domicile)": Col("country"),
    "telephone (bureau)": Col("phones", label="work"),
    "telephone 2 (bureau)": Col("phones", label="work"),
    "telephone (domicile)": Col("phones", label="home"),
    "deuxieme telephone (domicile)": Col("phones", label="home"),
    "tel. mobile": Col("phones", label="mobile"),
    "telephone mobile": Col("phones", label="mobile"),
    "telephone principal": Col("phones", label="main"),
    "telephone societe": Col("phones", label="work"),
    "telephone (autre)": Col("phones", label="other"),
    "telecopie (bureau)": Col("phones", label="work fax"),
    "telecopie (domicile)": Col("phones", label="home fax"),
    "adresse de messagerie": Col("emails"),
    "adresse de messagerie 2": Col("emails"),
    "adresse de messagerie 3": Col("emails"),
    "anniversaire": Col("birthday"),
    "notes": Col("notes"),
    "categories": Col("tags", sep=";"),
    "page web": Col("links"),
    "poste": Col("role"),
    "fonction": Col("role"),
    "date de naissance": Col("birthday"),
}


# The generic guesser: header words (English and French, accents folded) → field.
_GENERIC: list[tuple[tuple[str, ...], str]] = [
    (
        (
            "full name",
            "display name",
            "name",
            "nom complet",
            "contact",
            "nom et prenom",
            "prenom nom",
        ),
        "full_name",
    ),
    (("first name", "given name", "firstname", "prenom", "forename"), "given_name"),
    (("middle name", "additional name", "deuxieme prenom", "second prenom"), "middle_name"),
    (("last name", "family name", "surname", "lastname", "nom", "nom de famille"), "family_name"),
    (("prefix", "title prefix", "civilite", "salutation"), "prefix"),
    (("suffix", "suffixe"), "suffix"),
    (("nickname", "surnom", "pseudo"), "nickname"),
    (
        (
            "company",
            "organization",
            "organisation",
            "organization name",
            "employer",
            "societe",
            "entreprise",
            "employeur",
        ),
        "organization",
    ),
    (("department", "service", "departement"), "department"),
    (
        (
            "job title",
            "title",
            "position",
            "role",
            "poste",
            "fonction",
            "titre",
            "occupation",
            "metier",
        ),
        "role",
    ),
    (("city", "town", "ville", "localite", "commune"), "city"),
    (("state", "region", "province", "county", "departement"), "region"),
    (("country", "pays"), "country"),
    (
        (
            "notes",
            "note",
            "comments",
            "comment",
            "remarques",
            "commentaire",
            "commentaires",
            "description",
            "memo",
        ),
        "notes",
    ),
    (
        (
            "birthday",
            "birth date",
            "date of birth",
            "dob",
            "anniversaire",
            "date de naissance",
            "naissance",
        ),
        "birthday",
    ),
    (
        (
            "tags",
            "tag",
            "labels",
            "label",
            "groups",
            "group",
            "categories",
            "category",
            "etiquettes",
            "groupes",
            "groupe",
        ),
        "tags",
    ),
    (("connected on", "connected", "met on", "date de rencontre", "rencontre le"), "connected_on"),
]
_GENERIC_LOOKUP = {alias: name for aliases, name in _GENERIC for alias in aliases}


def _generic_field(header: str) -> str | None:
    h = " ".join(re.sub(r"[_\-.:]+", " ", _fold(header)).split())
    h = h.replace("e mail", "email")
    if not h:
        return None
    if h in _GENERIC_LOOKUP:
        return _GENERIC_LOOKUP[h]
    words = set(h.split())
    if (
        words & {"email", "emails", "courriel", "courriels", "mail", "mel"}
        or "adresse electronique" in h
        or "adresse de messagerie" in h
    ):
        return "emails"
    if words & {
        "phone",
        "telephone",
        "tel",
        "mobile",
        "cell",
        "portable",
        "gsm",
        "fax",
        "telecopie",
    }:
        return "phones"
    if words & {"url", "website", "web", "linkedin", "site", "homepage", "twitter", "github"}:
        return "links"
    if words & {"city", "ville"}:
        return "city"
    if words & {"company", "societe", "entreprise", "organization", "organisation"}:
        return "organization"
    if words & {"birthday", "anniversaire"}:
        return "birthday"
    return None


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """A guess of which field each column fills, from its header (English or French).

    Every header gets an entry: a field name of `MAPPING_FIELDS`, "ignore" when nothing
    fits (its cells are then kept as they are). A field filled by one column only once:
    a second "Nom" when "Nom" was already used goes to "ignore".
    """
    mapping: dict[str, str] = {}
    used: set[str] = set()
    multi = {"emails", "phones", "links", "tags", "notes"}
    folded = {_fold(h).strip() for h in headers}
    # "Title" is the job title, unless a job title column exists: then it is "Dr.", "Mme".
    title_is_prefix = bool(folded & {"job title", "position", "poste", "fonction"})
    for header in headers:
        if header in mapping:
            continue
        guess = _generic_field(header) or "ignore"
        if title_is_prefix and _fold(header).strip() in ("title", "titre"):
            guess = "prefix"
        if guess != "ignore" and guess not in multi and guess in used:
            guess = "ignore"
        used.add(guess)
        mapping[header] = guess
    return mapping


def _col_for_mapping(header: str, target: str) -> Col | None:
    if target not in MAPPING_FIELDS:
        raise ValueError(f"unknown field {target!r} for column {header!r}")
    if target == "ignore":
        return None
    if target in ("emails", "phones", "links"):
        return Col(target, label=_label_from_header(header))
    if target == "tags":
        return Col("tags", sep="[;,]")
    return Col(target)


def _looks_french(headers: list[str]) -> bool:
    folded = {_fold(h).strip() for h in headers}
    return bool(
        folded
        & {"prenom", "nom", "courriel", "telephone", "societe", "anniversaire", "ville", "pays"}
    ) or any("(bureau)" in h or "(domicile)" in h for h in folded)


# --- the reader -----------------------------------------------------------------------------


@dataclass
class _Plan:
    headers: list[str]
    cols: list[Col | None]
    dayfirst: bool
    layout: str
    # For a numbered value column, the index of its label column.
    label_index: dict[int, int] = field(default_factory=dict)
    # And the other way: for a label column, the index of its value column.
    value_index: dict[int, int] = field(default_factory=dict)


def _plan(headers: list[str], layout: str, mapping: dict[str, str] | None) -> _Plan:
    cols: list[Col | None] = []
    french = _looks_french(headers)
    if layout == "generic" and mapping is None:
        mapping = suggest_mapping(headers)
    seen_titre = 0
    for header in headers:
        col: Col | None = None
        h = _norm(header)
        if mapping is not None and header in mapping:
            col = _col_for_mapping(header, mapping[header])
        elif layout == "linkedin":
            col = _LINKEDIN.get(h)
        elif layout in ("google", "google_legacy"):
            col = _google_columns(header, legacy=layout == "google_legacy")
        elif layout in ("outlook", "outlook_express"):
            if french:
                f = _fold(h)
                if f == "titre":
                    seen_titre += 1
                    col = Col("prefix") if seen_titre == 1 else Col("role")
                else:
                    col = _OUTLOOK_FR.get(f)
            else:
                col = _OUTLOOK.get(h)
        elif layout == "entregent":
            col = _ENTREGENT_COLS.get(header.strip())
        cols.append(col)
    plan = _Plan(headers=headers, cols=cols, dayfirst=french, layout=layout)
    index = {_norm(h): i for i, h in enumerate(headers)}
    for i, col in enumerate(cols):
        if col is not None and col.group and _norm(col.group) in index:
            plan.label_index[i] = index[_norm(col.group)]
            plan.value_index[index[_norm(col.group)]] = i
    return plan


def read_csv(
    stream: BinaryIO,
    *,
    layout: str | None = None,
    mapping: dict[str, str] | None = None,
) -> Iterator[ContactRecord | SkippedRecord]:
    """Read a CSV address book: one ContactRecord per usable row, SkippedRecord otherwise.

    `layout` forces one of `LAYOUTS` (detected when None). `mapping` {column header →
    field of `MAPPING_FIELDS`} overrides the layout for the columns it names; a generic
    file without a mapping uses `suggest_mapping`. Streams in bounded memory. Raises
    FormatError (naming the line) when the file is not a CSV with a header row, and
    ValueError for a layout or mapped field that does not exist.
    """
    if layout is not None and layout not in LAYOUTS:
        raise ValueError(f"unknown CSV layout {layout!r}")
    if mapping:
        for header, target in mapping.items():
            if target not in MAPPING_FIELDS:
                raise ValueError(f"unknown field {target!r} for column {header!r}")
    if csv.field_size_limit() < MAX_CELL_CHARS:
        csv.field_size_limit(MAX_CELL_CHARS)
    source = _Source(stream)
    headers, _header_line = source.start()
    plan = _plan(headers, layout or _layout_of(headers), mapping)
    for line, row, unterminated in source.rows():
        if _is_blank_row(row):
            continue
        if unterminated and len(row) < len(headers):
            # Cut in the middle of its last row: what is there may be cut too (half an
            # e-mail address), so the row is not imported as if it were whole.
            yield SkippedRecord(line=line, reason=MSG_TRUNCATED)
            continue
        yield _record(plan, line, row)


def _split(value: str, sep: str) -> list[str]:
    """The non-empty trimmed parts of a cell; `sep` is a regular expression."""
    return [p.strip() for p in re.split(sep, value) if p.strip()] if sep else [value.strip()]


def _record(plan: _Plan, line: int, row: list[str]) -> ContactRecord | SkippedRecord:
    rec = ContactRecord(line=line)
    if plan.layout == "entregent":
        row = [_unguard(cell) for cell in row]
    headers = plan.headers
    for i, cell in enumerate(row):
        if i >= len(headers):
            if cell.strip():
                rec.kept.append(KeptValue(name=f"column {i + 1}", value=cell))
            continue
        col = plan.cols[i]
        value = cell.strip()
        if not value:
            continue
        if col is None:
            rec.kept.append(KeptValue(name=headers[i], value=cell))
            continue
        if not _apply(plan, rec, col, i, row):
            rec.kept.append(KeptValue(name=headers[i], value=cell))
    if plan.layout == "linkedin" and rec.source_key:
        label = "linkedin" if "linkedin." in rec.source_key.lower() else ""
        rec.links.insert(0, Labelled(value=rec.source_key, label=label))
    if not rec.display_name() and not rec.phones:
        return SkippedRecord(line=line, reason=MSG_NO_IDENTITY)
    return rec


def _apply(plan: _Plan, rec: ContactRecord, col: Col, i: int, row: list[str]) -> bool:
    """Put the non-empty cell `row[i]` into the record; False when it could not (keep it)."""
    value = row[i].strip()
    kind = col.kind
    if kind.startswith("x_"):
        return _entregent_extra(plan, rec, col, row[i], row)
    if kind in _SCALARS:
        current = getattr(rec, kind)
        if current and current != value:
            return False
        setattr(rec, kind, value)
        return True
    if kind in ("emails", "phones", "links"):
        label = col.label
        j = plan.label_index.get(i)
        if j is not None and j < len(row):
            label = _clean_label(row[j])
        target: list[Labelled] = getattr(rec, kind)
        parts = _split(value, ":::") if plan.layout in ("google", "google_legacy") else [value]
        if kind == "emails":
            # Outlook writes Exchange addresses (/o=ExchangeLabs/…) in its e-mail columns:
            # not an e-mail, so kept as written rather than refused by the import.
            bad = [p for p in parts if "@" not in p]
            if len(bad) == len(parts):
                return False
            rec.kept.extend(KeptValue(name=plan.headers[i], value=p) for p in bad)
            parts = [p for p in parts if "@" in p]
        target.extend(Labelled(value=part, label=label) for part in parts)
        return True
    if kind == "label":
        # A numbered group's label: used by its value column; kept if that one is empty.
        k = plan.value_index.get(i)
        return k is not None and k < len(row) and bool(row[k].strip())
    if kind == "notes":
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        rec.notes = f"{rec.notes}\n\n{value}" if rec.notes else value
        return True
    if kind == "tags":
        for tag in _split(value, col.sep):
            name = tag.lstrip("*").strip() if plan.layout in ("google", "google_legacy") else tag
            if name.replace(" ", "").lower() == "mycontacts":
                continue
            if name and name not in rec.tags:
                rec.tags.append(name)
        return True
    if kind in ("birthday", "connected_on"):
        parsed = parse_date(value, dayfirst=plan.dayfirst)
        if parsed is None:
            return False
        if kind == "connected_on":
            if parsed.month_day is not None:
                return False
            rec.connected_on = parsed.date
            return True
        if parsed.date is not None:
            rec.birthday = parsed.date
        elif parsed.month_day is not None:
            rec.birthday_month_day = parsed.month_day
        return True
    return False


# --- our own format -------------------------------------------------------------------------

ENTREGENT_HEADERS = (
    "Full Name",
    "Given Name",
    "Middle Name",
    "Family Name",
    "Prefix",
    "Suffix",
    "Nickname",
    "Organization",
    "Department",
    "Role",
    "E-mails",
    "E-mail Labels",
    "Phones",
    "Phone Labels",
    "Links",
    "Link Labels",
    "City",
    "Region",
    "Country",
    "Tags",
    "Notes",
    "Birthday",
    "Connected On",
    "Source Key",
    "Other Fields",
)

_ENTREGENT_COLS: dict[str, Col] = {
    "Full Name": Col("full_name"),
    "Given Name": Col("given_name"),
    "Middle Name": Col("middle_name"),
    "Family Name": Col("family_name"),
    "Prefix": Col("prefix"),
    "Suffix": Col("suffix"),
    "Nickname": Col("nickname"),
    "Organization": Col("organization"),
    "Department": Col("department"),
    "Role": Col("role"),
    "E-mails": Col("x_emails"),
    "E-mail Labels": Col("x_none"),
    "Phones": Col("x_phones"),
    "Phone Labels": Col("x_none"),
    "Links": Col("x_links"),
    "Link Labels": Col("x_none"),
    "City": Col("city"),
    "Region": Col("region"),
    "Country": Col("country"),
    "Tags": Col("tags", sep="\n"),
    "Notes": Col("x_notes"),
    "Birthday": Col("birthday"),
    "Connected On": Col("connected_on"),
    "Source Key": Col("source_key"),
    "Other Fields": Col("x_kept"),
}


def _entregent_extra(plan: _Plan, rec: ContactRecord, col: Col, cell: str, row: list[str]) -> bool:
    """Our own layout's multi-line cells, read exactly as `write_csv` wrote them."""
    kind = col.kind
    if kind == "x_none":
        return True
    if kind == "x_notes":
        rec.notes = cell
        return True
    if kind in ("x_emails", "x_phones", "x_links"):
        labels_header = {
            "x_emails": "E-mail Labels",
            "x_phones": "Phone Labels",
            "x_links": "Link Labels",
        }[kind]
        j = plan.headers.index(labels_header) if labels_header in plan.headers else -1
        labels = row[j].split("\n") if 0 <= j < len(row) else []
        values = cell.split("\n")
        items = [
            Labelled(value=v, label=labels[k] if k < len(labels) else "")
            for k, v in enumerate(values)
        ]
        setattr(rec, kind[2:], items)
        return True
    if kind == "x_kept":
        try:
            data = json.loads(cell)
            rec.kept.extend(KeptValue(name=str(n), params=str(p), value=str(v)) for n, p, v in data)
        except (ValueError, TypeError):
            return False
        return True
    return False


def _birthday_text(rec: ContactRecord) -> str:
    if rec.birthday is not None:
        return rec.birthday.isoformat()
    if rec.birthday_month_day is not None:
        return f"--{rec.birthday_month_day[0]:02d}-{rec.birthday_month_day[1]:02d}"
    return ""


def write_csv(records: Iterable[ContactRecord], stream: TextIO) -> None:
    """Write records as our own CSV (one row per person), which `read_csv` reads back equal.

    Open `stream` with `newline=""` (rows end in CRLF). See `iter_csv` for the format.
    """
    stream.writelines(iter_csv(records))


class _Line:
    """A file-like target for csv.writer that hands back what one row wrote."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text = text
        return len(text)


def iter_csv(records: Iterable[ContactRecord], *, bom: bool = False) -> Iterator[str]:
    """Our own CSV as a stream of strings: the header, then one string per record.

    E-mails, phones and links are one per line in their cell with their labels in the
    next column, line for line; tags one per line; dates ISO (`--MM-DD` without year);
    the kept values of the source in "Other Fields" as a JSON list of [name, params,
    value]. `bom` puts U+FEFF first, which Excel needs to read UTF-8 accents right (the
    reader skips it).

    A cell that a spreadsheet would run as a formula (`=`, `@`, `+cmd|…`: a LinkedIn
    connection chooses their own position text) is written after an apostrophe, which
    spreadsheets take as "this is text"; `read_csv` removes it again.
    """
    line = _Line()
    writer = csv.writer(line)
    writer.writerow(ENTREGENT_HEADERS)
    yield ("\ufeff" if bom else "") + line.text
    for rec in records:
        cells = [
            rec.full_name,
            rec.given_name,
            rec.middle_name,
            rec.family_name,
            rec.prefix,
            rec.suffix,
            rec.nickname,
            rec.organization,
            rec.department,
            rec.role,
            "\n".join(x.value for x in rec.emails),
            "\n".join(x.label for x in rec.emails),
            "\n".join(x.value for x in rec.phones),
            "\n".join(x.label for x in rec.phones),
            "\n".join(x.value for x in rec.links),
            "\n".join(x.label for x in rec.links),
            rec.city,
            rec.region,
            rec.country,
            "\n".join(rec.tags),
            rec.notes,
            _birthday_text(rec),
            rec.connected_on.isoformat() if rec.connected_on else "",
            rec.source_key,
            json.dumps([[k.name, k.params, k.value] for k in rec.kept], ensure_ascii=False)
            if rec.kept
            else "",
        ]
        writer.writerow(["'" + c if _formula_like(c) else c for c in cells])
        yield line.text


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[+\-][\d\s().\-/]*")


def _formula_like(cell: str) -> bool:
    """Would a spreadsheet run this cell (apostrophes in front aside)? Phone numbers and
    signed numbers (`+33 6 12`, `-5`) are harmless and stay as they are."""
    core = cell.lstrip("'")
    return core.startswith(_FORMULA_START) and not _SIGNED_NUMBER.fullmatch(core)


def _unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and _formula_like(cell) else cell
