"""Which reader a file needs: vCard, or one of the CSV layouts. Pure Python, no Django.

Only the start of the file is read (a bounded sample), then the stream is put back at 0.
"""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO

SAMPLE_BYTES = 64 * 1024
_BEGIN_VCARD = re.compile(r"^\s*(?:[\w-]+\.)?begin\s*:\s*vcard\s*$", re.IGNORECASE | re.MULTILINE)

VCARD = "vcard"
CSV_LAYOUTS = (
    "linkedin",
    "google",
    "google_legacy",
    "outlook",
    "outlook_express",
    "entregent",
    "generic",
)


def _sample_text(stream: BinaryIO) -> str:
    """The first bytes of the file as text: BOMs and UTF-16 (with or without BOM) decoded."""
    stream.seek(0)
    raw = stream.read(SAMPLE_BYTES)
    stream.seek(0)
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", "replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", "replace")
    head = raw[:200]
    if head and head.count(0) >= len(head) // 4:
        # UTF-16 without BOM: ASCII text has a NUL in every other byte.
        even_nuls = head[0::2].count(0)
        odd_nuls = head[1::2].count(0)
        encoding = "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"
        return raw[: len(raw) // 2 * 2].decode(encoding, "replace")
    return raw.decode("utf-8", "replace")


def is_vcard(stream: BinaryIO) -> bool:
    """True when a BEGIN:VCARD line (any case, maybe grouped) opens the file's first lines."""
    text = _sample_text(stream)
    for line in text.splitlines()[:50]:
        if not line.strip():
            continue
        if _BEGIN_VCARD.match(line):
            return True
    return False


def detect_format(stream: BinaryIO) -> str:
    """ "vcard", or the CSV layout the csv reader recognises ("linkedin", …, "generic")."""
    if is_vcard(stream):
        return VCARD
    from entregent.exchange.csv_formats import detect_layout
    from entregent.exchange.records import FormatError

    try:
        layout = str(detect_layout(stream))
    except FormatError:
        # Not readable as CSV either: the reader says why, naming the line, when it runs.
        layout = "generic"
    stream.seek(0)
    return layout if layout in CSV_LAYOUTS else "generic"


def csv_headers(stream: BinaryIO) -> list[str]:
    """The column headers of a CSV file (after any preamble), for the column mapping form."""
    from entregent.exchange.csv_formats import read_header
    from entregent.exchange.records import FormatError

    try:
        headers = list(read_header(stream).headers)
    except FormatError:
        headers = []
    stream.seek(0)
    return headers
