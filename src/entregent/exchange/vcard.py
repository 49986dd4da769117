"""vCard 2.1, 3.0 and 4.0: read into `ContactRecord`s, write them back.

Why our own lexer and not vobject: vobject unfolds and parses text, not bytes. It has to be
given an already decoded stream, so it cannot unfold a line folded in the middle of a UTF-8
sequence, nor decode one property as Shift_JIS (`CHARSET=` in 2.1, and in 3.0 files where
it is not allowed but happens: a Shift_JIS trail byte can even be a backslash) and the next
as UTF-8 or as the file's unlabelled Windows-1252. It also raises a ParseError on the first
line it cannot parse, which would lose every card after it instead of skipping one card.
Real address books need all of that, so this module lexes bytes itself:

1. `_physical_lines` cuts the byte stream into lines (LF, CRLF, CR CR LF as iOS writes, or
   bare CR), counting physical line numbers, in fixed-size chunks (bounded memory). UTF-16
   (LE/BE, with or without BOM) is transcoded to UTF-8 on the fly first.
2. `_logical_lines` unfolds at the byte level: a line starting with a space or a tab
   continues the previous one (RFC 2425/6350: the space goes; in a 2.1 card it stays, as
   2.1 says), and a quoted-printable value ending in `=` continues on the next line
   (vCard 2.1 soft line break).
3. `_parse_line` splits group, name, parameters (quotes respected) and value bytes; only
   then is the value decoded: with its `CHARSET` when it has one, else as UTF-8, else with
   the file's fallback charset, detected once by charset-normalizer on a bounded sample of
   the lines that are not UTF-8. Escapes (`\\,` `\\;` `\\n`) are undone after decoding,
   because a Shift_JIS trail byte can be a backslash.
4. `_CardBuilder` maps properties to `ContactRecord` fields; everything it does not map is
   kept verbatim (`KeptValue`: name with its group, parameters as written, value as written
   but decoded) so that `write_vcards` can give it back.

Errors: a file whose first line is not `BEGIN:VCARD`, or that ends inside a card, raises
`FormatError` with the line. One bad card among good ones (a line that is not a property,
no name at all, no END before the next BEGIN) becomes a `SkippedRecord` with its line and
reason; the other cards are read. The messages (`FormatError.message`,
`SkippedRecord.reason`) are English msgids marked with `gettext_noop`; whoever shows them
translates them with `gettext`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from entregent.exchange.records import (
    ContactRecord,
    FormatError,
    KeptValue,
    Labelled,
    SkippedRecord,
)

__all__ = ["read_vcards", "write_vcards"]


def gettext_noop(message: str) -> str:
    """Mark a message for translation without translating it (the caller translates)."""
    return message


MSG_EMPTY = gettext_noop("The file is empty.")
MSG_NOT_VCARD = gettext_noop("This is not a vCard file: it does not begin with BEGIN:VCARD.")
MSG_TRUNCATED = gettext_noop(
    "The file ends inside the card that begins on this line (no END:VCARD): it looks truncated."
)
MSG_NO_NAME = gettext_noop("No name: the card has no FN, N, ORG or EMAIL.")
MSG_NO_END = gettext_noop("The card has no END:VCARD before the next BEGIN:VCARD.")
MSG_NOT_PROPERTY = gettext_noop("This line is not a vCard property: the card around it is skipped.")
MSG_STRAY = gettext_noop("Text outside any card, ignored.")
MSG_TOO_LARGE = gettext_noop("The card is too large (over 64 MB).")
MSG_LINE_TOO_LONG = gettext_noop(
    "A line is too long (over 64 MB): this does not look like a vCard file."
)

CHUNK = 1 << 16
SAMPLE = 1 << 20  # bytes looked at to guess the encoding
DETECT_MAX = 1 << 16  # non-UTF-8 bytes given to charset-normalizer
MAX_CARD = 64 << 20  # a card larger than this is skipped, not held in memory


# --------------------------------------------------------------------------- bytes → lines


def _utf16_codec(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be'/'utf-16' when the sample is UTF-16, else None."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not sample.startswith(
        codecs.BOM_UTF32_LE
    ):
        return "utf-16"
    head = sample[:64]  # BEGIN:VCARD and VERSION: ASCII in any real file
    if len(head) >= 4:
        even_nul = head[0::2].count(0)
        odd_nul = head[1::2].count(0)
        half = len(head) // 2
        if odd_nul > half * 0.6 and even_nul < half * 0.1:
            return "utf-16-le"
        if even_nul > half * 0.6 and odd_nul < half * 0.1:
            return "utf-16-be"
    return None


def _chunks(stream: BinaryIO, sample: bytes) -> Iterator[bytes]:
    """The stream's bytes as UTF-8-compatible chunks (UTF-16 transcoded, UTF-8 BOM dropped)."""
    codec = _utf16_codec(sample)
    if codec is None:
        if sample.startswith(codecs.BOM_UTF8):
            sample = sample[3:]
        yield sample
        while chunk := stream.read(CHUNK):
            yield chunk
        return
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    text = decoder.decode(sample)
    yield text.lstrip("\ufeff").encode("utf-8")
    while chunk := stream.read(CHUNK):
        yield decoder.decode(chunk).encode("utf-8")
    yield decoder.decode(b"", final=True).encode("utf-8")


def _physical_lines(chunks: Iterable[bytes], bare_cr: bool) -> Iterator[tuple[int, bytes]]:
    """(line number, line without its terminator), in bounded memory."""
    pending: list[bytes] = []  # the start of a line longer than a chunk
    pending_size = 0
    number = 0
    for raw in chunks:
        chunk = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if bare_cr else raw
        if b"\n" not in chunk:
            pending.append(chunk)
            pending_size += len(chunk)
            if pending_size > MAX_CARD:
                raise FormatError(MSG_LINE_TOO_LONG, line=number + 1)
            continue
        data = b"".join([*pending, chunk]) if pending else chunk
        lines = data.split(b"\n")
        rest = lines.pop()
        pending, pending_size = ([rest], len(rest)) if rest else ([], 0)
        for line in lines:
            number += 1
            yield number, line.rstrip(b"\r")
    if pending:
        yield number + 1, b"".join(pending).rstrip(b"\r")


_QP_HEADER = re.compile(rb"quoted-printable", re.IGNORECASE)


@dataclass
class _Folding:
    """How to unfold, set by the reader as it meets VERSION lines."""

    # vCard 2.1 folds before a space that belongs to the value (unfolding removes only the
    # line break); 3.0 and 4.0 remove the space too.
    keep_space: bool = False


def _logical_lines(
    lines: Iterable[tuple[int, bytes]], folding: _Folding
) -> Iterator[tuple[int, bytes | None]]:
    """Unfold at the byte level: (first physical line, unfolded line).

    An unfolded line longer than MAX_CARD is not held in memory: its bytes are dropped as
    they come and None stands for it.
    """
    current: bytearray | None = None
    start = 0
    too_long = False
    for number, line in lines:
        if current is not None:
            if current.endswith(b"=") and _QP_HEADER.search(current, 0, max(current.find(b":"), 0)):
                del current[-1]  # quoted-printable soft line break: the text goes on
                current += line
            elif line[:1] in (b" ", b"\t"):
                current += line if folding.keep_space else line[1:]
            else:
                yield start, None if too_long else bytes(current)
                current = None
            if current is not None:
                if len(current) > MAX_CARD:
                    too_long = True
                    del current[64:-64]  # keep the ends: a soft break, the header
                continue
        current = bytearray(line)
        start = number
        too_long = False
    if current is not None:
        yield start, None if too_long else bytes(current)


# --------------------------------------------------------------------------- one property


@dataclass
class _Property:
    line: int
    group: str
    name: str  # upper case, without group
    written_name: str  # as written, with group
    params: list[tuple[str, str]]  # (KEY upper, value); bare 2.1 params get their key
    params_raw: str  # as written, without CHARSET and ENCODING=QUOTED-PRINTABLE
    value: str  # decoded (charset, quoted-printable), still escaped


_NAME = re.compile(rb"[ \t]*((?:[A-Za-z0-9_\-]+\.)*)([A-Za-z0-9_\-]+)[ \t]*(?=[;:])")
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"}


def _split_params(raw: bytes) -> list[bytes]:
    """Split `;A=1;B="x;y"` on the semicolons outside quotes (leading `;` included)."""
    if b'"' not in raw:
        return [part for part in raw.split(b";") if part]
    parts: list[bytes] = []
    quoted = False
    start = 0
    for i, byte in enumerate(raw):
        if byte == 0x22:  # "
            quoted = not quoted
        elif byte == 0x3B and not quoted:  # ;
            if i > start:
                parts.append(raw[start:i])
            start = i + 1
    if len(raw) > start:
        parts.append(raw[start:])
    return parts


def _header_end(line: bytes, start: int) -> int:
    """Index of the colon ending the parameters (quotes respected), or -1."""
    colon = line.find(b":", start)
    if colon < 0 or b'"' not in line[start:colon]:
        return colon
    quoted = False
    for i in range(start, len(line)):
        byte = line[i]
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return i
    return -1


class _Decoder:
    """Bytes to text: the declared charset, else UTF-8, else the file's guessed charset."""

    def __init__(self, sample: bytes) -> None:
        self._fallback: str | None = None
        self.params_cache: dict[bytes, _Params] = {}
        suspects = bytearray()
        for line in sample.split(b"\n"):
            if line.isascii() or b"CHARSET=" in line.upper():
                continue
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                suspects += line + b"\n"
                if len(suspects) > DETECT_MAX:
                    break
        if suspects:
            self._fallback = self._detect(bytes(suspects))

    @staticmethod
    def _detect(data: bytes) -> str:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data).best()
        encoding = best.encoding if best is not None else "cp1252"
        if encoding in {"cp1250", "latin_1", "iso8859_15", "iso8859_2", "mac_roman", "cp1252"}:
            # Western files are far more often Windows-1252; the detector cannot tell
            # them from Central European ones on a few names.
            try:
                data.decode("cp1252")
                return "cp1252"
            except UnicodeDecodeError:
                pass
        return encoding

    def decode(self, data: bytes, charset: str | None) -> str:
        if data.isascii():
            return data.decode("ascii")
        if charset:
            try:
                return data.decode(_codec(charset))
            except (LookupError, UnicodeDecodeError):
                pass
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if self._fallback is None:
            self._fallback = self._detect(data)
        return data.decode(self._fallback, errors="replace")


def _codec(charset: str) -> str:
    name = charset.strip().strip('"').lower()
    aliases = {"shift_jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932"}
    return codecs.lookup(aliases.get(name, name)).name


def _parse_line(number: int, line: bytes, decoder: _Decoder) -> _Property | None:
    """One unfolded line into a property, or None when it is not one."""
    match = _NAME.match(line)
    if match is None:
        return None
    group = match.group(1)[:-1].decode("ascii")
    name = match.group(2).decode("ascii")
    after = match.end()
    end = _header_end(line, after)
    if end < 0:
        return None
    raw_params = line[after:end]
    value_bytes = line[end + 1 :]
    cached = decoder.params_cache.get(raw_params) if raw_params.isascii() else None
    if cached is None:
        cached = _parse_params(raw_params, decoder)
        if raw_params.isascii() and len(decoder.params_cache) < 4096:
            decoder.params_cache[raw_params] = cached
    params, params_raw, charset, quoted_printable = cached
    return _finish_property(
        number, group, name, params, params_raw, charset, quoted_printable, value_bytes, decoder
    )


_Params = tuple[list[tuple[str, str]], str, str | None, bool]


def _parse_params(raw_params: bytes, decoder: _Decoder) -> _Params:
    """(params as (KEY, value), params as written minus CHARSET/QP, charset, quoted-printable)."""
    params: list[tuple[str, str]] = []
    kept_params: list[str] = []
    charset: str | None = None
    quoted_printable = False
    param_texts: list[tuple[bytes, str]] = []
    for part in _split_params(raw_params):
        key, eq, val = part.partition(b"=")
        if eq:
            key_text = key.strip().decode("ascii", errors="replace").upper()
            if key_text == "CHARSET":
                charset = val.strip().strip(b'"').decode("ascii", errors="replace")
                continue
            if key_text == "ENCODING" and val.strip().upper() == b"QUOTED-PRINTABLE":
                quoted_printable = True
                continue
            param_texts.append((part, key_text))
        else:
            bare = part.strip().decode("ascii", errors="replace").upper()
            if bare == "QUOTED-PRINTABLE":
                quoted_printable = True
                continue
            param_texts.append((part, "ENCODING" if bare in _BARE_ENCODINGS else "TYPE"))
    for part, key_text in param_texts:
        text = decoder.decode(part, charset)
        kept_params.append(text)
        val_text = text.partition("=")[2] if "=" in text else text
        params.append((key_text, val_text.strip()))
    return params, ";".join(kept_params), charset, quoted_printable


def _finish_property(  # noqa: PLR0917 -- the parts of one parsed line
    number: int,
    group: str,
    name: str,
    params: list[tuple[str, str]],
    params_raw: str,
    charset: str | None,
    quoted_printable: bool,
    value_bytes: bytes,
    decoder: _Decoder,
) -> _Property:
    if quoted_printable:
        value_bytes = quopri.decodestring(value_bytes)
    value = decoder.decode(value_bytes, charset)
    if quoted_printable:
        # Quoted-printable carries real line breaks; keep the escaped form of 3.0/4.0.
        value = value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    written = f"{group}.{name}" if group else name
    return _Property(
        line=number,
        group=group.lower(),
        name=name.upper(),
        written_name=written,
        params=list(params),
        params_raw=params_raw,
        value=value,
    )


# --------------------------------------------------------------------------- values


_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unescape_30(match: re.Match[str]) -> str:
    char = match.group(1)
    return "\n" if char in "nN" else char


def _unescape_21(match: re.Match[str]) -> str:
    char = match.group(1)
    if char in "nN":
        return "\n"
    # 2.1 escapes little: keep C:\path as written.
    return char if char in ";,\\" else match.group(0)


def _unescape(text: str, version: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(_unescape_21 if version == "2.1" else _unescape_30, text)


def _split_unescaped(text: str, sep: str) -> list[str]:
    """Split on `sep` where it is not escaped; the parts stay escaped."""
    if "\\" not in text:
        return text.split(sep)
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if char == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    parts.append("".join(current))
    return parts


def _components(prop: _Property, version: str) -> list[str]:
    """A structured value (N, ADR, ORG): each component unescaped, comma lists joined."""
    result = []
    for part in _split_unescaped(prop.value, ";"):
        values = [_unescape(v, version).strip() for v in _split_unescaped(part, ",")]
        result.append(
            " ".join(v for v in values if v) if version != "2.1" else _unescape(part, version)
        )
    return result


def _types(prop: _Property) -> list[str]:
    types: list[str] = []
    for key, value in prop.params:
        if key == "TYPE":
            types.extend(t.strip().strip('"').lower() for t in value.split(",") if t.strip())
    return types


def _is_pref(prop: _Property) -> bool:
    return "pref" in _types(prop) or any(key == "PREF" for key, _ in prop.params)


_NOT_LABELS = {
    "EMAIL": {"internet", "pref", "x400"},
    "TEL": {"pref", "voice"},
    "URL": {"pref"},
}
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_LINK_KINDS = (
    ("linkedin.com", "linkedin"),
    ("github.com", "github"),
    ("twitter.com", "x"),
    ("x.com", "x"),
    ("instagram.com", "instagram"),
)


def _apple_label(text: str) -> str:
    match = _APPLE_LABEL.match(text.strip())
    if not match:
        return text.strip()
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", match.group(1))
    return words.lower()


def _link_kind(url: str) -> str:
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("/", 1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    for domain, kind in _LINK_KINDS:
        if host == domain or host.endswith("." + domain):
            return kind
    return ""


_DATE_FORMS = (
    (re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$"), "ymd"),
    (re.compile(r"^--(\d{2})-?(\d{2})(?:T.*)?$"), "md"),
)


def _parse_date(text: str) -> dt.date | tuple[int, int] | None:
    value = text.strip()
    for pattern, form in _DATE_FORMS:
        match = pattern.match(value)
        if not match:
            continue
        try:
            if form == "ymd":
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            month, day = int(match[1]), int(match[2])
            dt.date(2000, month, day)  # validates, leap day included
            return (month, day)
        except ValueError:
            return None
    return None


# --------------------------------------------------------------------------- cards


_BASE64_LINE = re.compile(rb"^[A-Za-z0-9+/=]+$")
_DROPPED = {"VERSION", "PRODID", "BEGIN", "END"}


@dataclass
class _Card:
    line: int
    version: str = "3.0"
    props: list[_Property] = field(default_factory=list)
    error: int | None = None  # the first line that is not a property
    agent_lines: list[str] | None = None  # a 2.1 AGENT card being collected
    agent_depth: int = 0
    size: int = 0


def _to_record(card: _Card) -> ContactRecord | SkippedRecord:  # noqa: PLR0915 -- one table of properties
    version = card.version
    record = ContactRecord(line=card.line)
    groups: dict[str, list[_Property]] = {}
    for prop in card.props:
        if prop.group:
            groups.setdefault(prop.group, []).append(prop)
    consumed: set[int] = set()  # ids of props fully mapped (not kept)
    group_labels: dict[str, str] = {}
    for group, members in groups.items():
        for member in members:
            if member.name == "X-ABLABEL" and member.value.strip():
                group_labels[group] = _apple_label(_unescape(member.value, version))

    def label_of(prop: _Property) -> str:
        if prop.group in group_labels:
            return group_labels[prop.group]
        skip = _NOT_LABELS.get(prop.name, {"pref"})
        return ",".join(t for t in _types(prop) if t not in skip)

    seen: set[str] = set()
    names = {p.name for p in card.props}
    emails: list[tuple[bool, Labelled]] = []
    phones: list[tuple[bool, Labelled]] = []
    notes: list[str] = []
    has_n = False
    fn = ""
    address_done = False
    for prop in card.props:
        name = prop.name
        first = name not in seen
        seen.add(name)
        text = _unescape(prop.value, version)
        if name in _DROPPED:
            consumed.add(id(prop))
        elif name == "FN" and first:
            fn = text.strip()
            consumed.add(id(prop))
        elif name == "N" and first:
            parts = _components(prop, version) + [""] * 5
            record.family_name, record.given_name, record.middle_name = parts[0], parts[1], parts[2]
            record.prefix, record.suffix = parts[3], parts[4]
            has_n = any(parts[:5])
            if len(_split_unescaped(prop.value, ";")) <= 5:
                consumed.add(id(prop))
        elif name == "NICKNAME" and first:
            values = [_unescape(v, version).strip() for v in _split_unescaped(prop.value, ",")]
            record.nickname = ", ".join(v for v in values if v)
            consumed.add(id(prop))
        elif name == "ORG" and first:
            parts = _components(prop, version)
            record.organization = parts[0].strip()
            record.department = "; ".join(p.strip() for p in parts[1:] if p.strip())
            consumed.add(id(prop))
        elif first and (name == "TITLE" or (name == "ROLE" and "TITLE" not in names)):
            record.role = text.strip()
            consumed.add(id(prop))
        elif name == "EMAIL":
            if text.strip():
                emails.append((_is_pref(prop), Labelled(text.strip(), label_of(prop))))
            consumed.add(id(prop))
        elif name == "TEL":
            number = text.strip()
            if number.lower().startswith("tel:"):
                number = number[4:]
            if number:
                phones.append((_is_pref(prop), Labelled(number, label_of(prop))))
            consumed.add(id(prop))
        elif name == "URL":
            url = text.strip()
            if url:
                kind = _link_kind(url)
                record.links.append(Labelled(url, kind or label_of(prop)))
            consumed.add(id(prop))
        elif name == "ADR":
            parts = _components(prop, version) + [""] * 7
            if not address_done and any(parts[3:7]):
                record.city, record.region, record.country = parts[3], parts[4], parts[6]
                address_done = True
            # kept as well: street and postcode are not modelled
        elif name == "BDAY" and first:
            omit_year = next((v for k, v in prop.params if k == "X-APPLE-OMIT-YEAR"), "")
            parsed = _parse_date(text)
            if isinstance(parsed, dt.date) and omit_year and str(parsed.year) == omit_year:
                parsed = (parsed.month, parsed.day)
            if isinstance(parsed, dt.date):
                record.birthday = parsed
                consumed.add(id(prop))
            elif isinstance(parsed, tuple):
                record.birthday_month_day = parsed
                consumed.add(id(prop))
        elif name == "CATEGORIES":
            for escaped in _split_unescaped(prop.value, ","):
                tag = _unescape(escaped, version).strip()
                if tag and tag not in record.tags:
                    record.tags.append(tag)
            consumed.add(id(prop))
        elif name == "NOTE":
            if text.strip():
                notes.append(text)
            consumed.add(id(prop))
        elif name == "UID" and first:
            record.source_key = text.strip()
            consumed.add(id(prop))
    # Labels of groups whose every other member was mapped are used up; else kept.
    for members in groups.values():
        others = [m for m in members if m.name != "X-ABLABEL"]
        if others and all(id(m) in consumed for m in others):
            consumed.update(id(m) for m in members)
    record.emails = [e for pref, e in emails if pref] + [e for pref, e in emails if not pref]
    record.phones = [p for pref, p in phones if pref] + [p for pref, p in phones if not pref]
    record.notes = "\n\n".join(notes)
    for prop in card.props:
        if id(prop) not in consumed:
            value = prop.value
            if _is_base64(prop):
                value = re.sub(r"\s+", "", value)
            record.kept.append(KeptValue(prop.written_name, value, prop.params_raw))
    if fn:
        record.full_name = fn
    elif has_n:
        name_parts = (
            record.prefix,
            record.given_name,
            record.middle_name,
            record.family_name,
            record.suffix,
        )
        record.full_name = " ".join(p for p in name_parts if p)
    elif record.organization:
        record.full_name = record.organization
    elif record.emails:
        record.full_name = record.emails[0].value
    else:
        return SkippedRecord(card.line, MSG_NO_NAME)
    return record


def _is_base64(prop: _Property) -> bool:
    return any(k == "ENCODING" and v.upper() in {"B", "BASE64"} for k, v in prop.params)


def read_vcards(stream: BinaryIO) -> Iterator[ContactRecord | SkippedRecord]:  # noqa: PLR0915 -- the card state machine
    """Read every card of a vCard file (2.1, 3.0, 4.0), streamed in bounded memory.

    Raises FormatError (with the line) when the file is not a vCard file or ends inside a
    card; yields a SkippedRecord for one unusable card among good ones.
    """
    sample = stream.read(SAMPLE)
    if not sample:
        raise FormatError(MSG_EMPTY)
    utf16 = _utf16_codec(sample)
    decoder_sample = sample.decode(utf16, errors="replace").encode("utf-8") if utf16 else sample
    bare_cr = b"\n" not in decoder_sample[:SAMPLE] and b"\r" in decoder_sample
    decoder = _Decoder(decoder_sample)
    lines = _physical_lines(_chunks(stream, sample), bare_cr)
    card: _Card | None = None
    seen_card = False
    stray_line = 0
    folding = _Folding()
    for number, logical in _logical_lines(lines, folding):
        if logical is None:
            if card is not None:
                card.size = MAX_CARD + 1
            continue
        line = logical
        if not line.strip():
            continue
        head = line.lstrip()[:40].upper()
        is_begin = _is_begin(head)
        is_end = _is_end(head)
        if card is None:
            if is_begin:
                card = _Card(line=number)
                folding.keep_space = False
                seen_card = True
                if stray_line:
                    yield SkippedRecord(stray_line, MSG_STRAY)
                    stray_line = 0
                continue
            if not seen_card:
                raise FormatError(MSG_NOT_VCARD, line=number)
            if not stray_line:
                stray_line = number
            continue
        if card.agent_lines is not None:
            # A whole card inside a 2.1 AGENT property: kept as its text.
            card.agent_lines.append(line.decode("utf-8", errors="replace"))
            card.agent_depth += 1 if is_begin else -1 if is_end else 0
            if card.agent_depth == 0:
                value = "\\n".join(card.agent_lines).replace(",", "\\,").replace(";", "\\;")
                agent = card.props[-1]
                agent.value = value
                card.agent_lines = None
            continue
        if is_begin:
            last = card.props[-1] if card.props else None
            if last is not None and last.name == "AGENT" and not last.value.strip():
                card.agent_lines = [line.decode("utf-8", errors="replace")]
                card.agent_depth = 1
                continue
            yield SkippedRecord(card.line, MSG_NO_END)
            card = _Card(line=number)
            folding.keep_space = False
            continue
        if is_end:
            if card.error:
                yield SkippedRecord(card.error, MSG_NOT_PROPERTY)
            elif card.size > MAX_CARD:
                yield SkippedRecord(card.line, MSG_TOO_LARGE)
            else:
                yield _to_record(card)
            card = None
            continue
        if card.error or card.size > MAX_CARD:
            continue
        card.size += len(line)
        prop = _parse_line(number, line, decoder)
        if prop is None:
            last = card.props[-1] if card.props else None
            if last is not None and _is_base64(last) and _BASE64_LINE.match(line.strip()):
                last.value += line.strip().decode("ascii")
                continue
            card.error = number
            continue
        if prop.name == "VERSION":
            card.version = prop.value.strip()
            folding.keep_space = card.version == "2.1"
        card.props.append(prop)
    if card is not None:
        raise FormatError(
            MSG_TRUNCATED,
            line=card.line,
        )
    if not seen_card:
        raise FormatError(MSG_EMPTY)  # blank lines only
    if stray_line:
        yield SkippedRecord(stray_line, MSG_STRAY)


_BEGIN = re.compile(rb"^(?:[A-Z0-9_\-]+\.)*BEGIN[ \t]*:[ \t]*VCARD[ \t]*$")
_END = re.compile(rb"^(?:[A-Z0-9_\-]+\.)*END[ \t]*:[ \t]*VCARD[ \t]*$")


def _is_begin(head: bytes) -> bool:
    return b"BEGIN" in head and _BEGIN.match(head) is not None


def _is_end(head: bytes) -> bool:
    return b"END" in head and _END.match(head) is not None


# --------------------------------------------------------------------------- writing


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def _fold(line: str) -> str:
    """Fold at 75 octets, never inside a UTF-8 sequence, and end with CRLF."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    out: list[str] = []
    start = 0
    limit = 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        out.append(data[start:end].decode("utf-8"))
        start = end
        limit = 74
    return "\r\n ".join(out) + "\r\n"


_TOKEN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _labelled_lines(name: str, items: list[Labelled], groups: Iterator[str]) -> list[str]:
    lines = []
    skip = _NOT_LABELS.get(name, set())
    for item in items:
        label = item.label.strip()
        tokens = label.split(",") if label else []
        value = _escape(item.value)
        if name == "URL":
            if label and _link_kind(item.value) == label:
                tokens = []
            value = item.value.replace("\r", "").replace("\n", "")
        if tokens and all(_TOKEN.match(t) and t not in skip for t in tokens):
            lines.append(f"{name};TYPE={','.join(tokens)}:{value}")
        elif label and not (name == "URL" and not tokens):
            group = next(groups)
            lines.append(f"{group}.{name}:{value}")
            lines.append(f"{group}.X-ABLabel:{_escape(item.label)}")
        else:
            lines.append(f"{name}:{value}")
    return lines


def _card_lines(record: ContactRecord, version: str) -> list[str]:
    used_groups = {k.name.split(".", 1)[0].lower() for k in record.kept if "." in k.name}

    def free_groups() -> Iterator[str]:
        n = 0
        while True:
            n += 1
            if f"item{n}" not in used_groups:
                yield f"item{n}"

    groups = free_groups()
    kept_names = {k.name.rsplit(".", 1)[-1].upper() for k in record.kept}
    lines = ["BEGIN:VCARD", f"VERSION:{version}", "PRODID:-//Entregent//Entregent//EN"]
    lines.append(f"FN:{_escape(record.display_name())}")
    name_parts = (
        record.family_name,
        record.given_name,
        record.middle_name,
        record.prefix,
        record.suffix,
    )
    if any(name_parts) or version == "3.0":
        lines.append("N:" + ";".join(_escape(p) for p in name_parts))
    if record.nickname:
        lines.append(f"NICKNAME:{_escape(record.nickname)}")
    if record.organization or record.department:
        org = _escape(record.organization)
        if record.department:
            org += ";" + _escape(record.department)
        lines.append(f"ORG:{org}")
    if record.role:
        lines.append(f"TITLE:{_escape(record.role)}")
    lines += _labelled_lines("EMAIL", record.emails, groups)
    lines += _labelled_lines("TEL", record.phones, groups)
    lines += _labelled_lines("URL", record.links, groups)
    if "ADR" not in kept_names and (record.city or record.region or record.country):
        adr = ";".join(
            ["", "", "", _escape(record.city), _escape(record.region), "", _escape(record.country)]
        )
        lines.append(f"ADR:{adr}")
    if record.birthday is not None:
        lines.append(
            f"BDAY:{record.birthday.strftime('%Y%m%d') if version == '4.0' else record.birthday.isoformat()}"
        )
    elif record.birthday_month_day is not None:
        month, day = record.birthday_month_day
        lines.append(
            f"BDAY:--{month:02d}{day:02d}" if version == "4.0" else f"BDAY:--{month:02d}-{day:02d}"
        )
    if record.tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in record.tags))
    if record.notes:
        lines.append(f"NOTE:{_escape(record.notes)}")
    if record.source_key:
        lines.append(f"UID:{_escape(record.source_key)}")
    for kept in record.kept:
        value = kept.value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
        params = f";{kept.params}" if kept.params else ""
        lines.append(f"{kept.name}{params}:{value}")
    lines.append("END:VCARD")
    return lines


def write_vcards(records: Iterable[ContactRecord], *, version: str = "4.0") -> Iterator[str]:
    """vCard text for each record (one string per card: CRLF lines folded at 75 octets).

    Mapped fields are written from the record; kept values are written back as they were
    read (name with group, parameters, value), so read → write → read gives equal records.
    An address is written from city/region/country only when no ADR was kept.
    """
    if version not in {"3.0", "4.0"}:
        raise ValueError(f"unsupported vCard version {version!r}")
    for record in records:
        yield "".join(_fold(line) for line in _card_lines(record, version))
