"""write_csv then read_csv gives the same records back (property-based), and the samples too."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from entregent.exchange.csv_formats import detect_layout, iter_csv, read_csv, write_csv
from entregent.exchange.records import (
    ContactRecord,
    FormatError,
    KeptValue,
    Labelled,
    SkippedRecord,
)

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "contacts" / "csv"

# What a record read from a file looks like: fields trimmed, no NUL (a NUL byte makes the
# file binary), one-line e-mails/phones/links/tags, unique tags.
_chars = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))
# Spreadsheet formula starts, and the apostrophe that guards them, come up often.
_tricky = st.sampled_from(["", "=", "'", "''=", "+", "-", "@", "+33 6 ", "-5", "'+1"])
text = st.builds(str.__add__, _tricky, st.text(_chars, max_size=30)).map(str.strip)
one_line = text.filter(lambda s: "\n" not in s and "\r" not in s)
value = one_line.filter(bool)
labelled = st.builds(Labelled, value=value, label=one_line)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def _record(draw: st.DrawFn) -> ContactRecord:
    rec = ContactRecord(
        line=0,
        full_name=draw(text),
        given_name=draw(text),
        middle_name=draw(text),
        family_name=draw(text),
        prefix=draw(text),
        suffix=draw(text),
        nickname=draw(text),
        organization=draw(text),
        department=draw(text),
        role=draw(text),
        emails=draw(st.lists(labelled, max_size=3)),
        phones=draw(st.lists(labelled, max_size=3)),
        links=draw(st.lists(labelled, max_size=3)),
        city=draw(text),
        region=draw(text),
        country=draw(text),
        notes=draw(st.text(_chars, max_size=60).filter(lambda s: s.strip() != "" or s == "")),
        tags=draw(st.lists(value, max_size=4, unique=True)),
        connected_on=draw(st.none() | dates),
        source_key=draw(text),
        kept=draw(
            st.lists(
                st.builds(
                    KeptValue,
                    name=st.text(max_size=10),
                    value=st.text(max_size=20),
                    params=st.text(max_size=5),
                ),
                max_size=3,
            )
        ),
    )
    if draw(st.booleans()):
        rec.birthday = draw(st.none() | dates)
    else:
        rec.birthday_month_day = draw(
            st.none() | st.tuples(st.integers(1, 12), st.integers(1, 28)),
        )
    return rec


records_strategy = st.composite(_record)()


def _roundtrip(recs: list[ContactRecord]) -> list[ContactRecord]:
    out = io.StringIO(newline="")
    write_csv(recs, out)
    data = out.getvalue().encode("utf-8")
    assert detect_layout(io.BytesIO(data)) == "entregent"
    back = list(read_csv(io.BytesIO(data)))
    assert all(isinstance(r, ContactRecord) for r in back), back
    return [r for r in back if isinstance(r, ContactRecord)]


def _unlined(recs: list[ContactRecord]) -> list[ContactRecord]:
    return [dataclasses.replace(r, line=0) for r in recs]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records_strategy, min_size=1, max_size=4))
def test_write_then_read_gives_equal_records(recs):
    assume(all(r.display_name() or r.phones for r in recs))
    assert _unlined(_roundtrip(recs)) == _unlined(recs)


@settings(max_examples=100, deadline=None)
@given(st.lists(records_strategy, min_size=1, max_size=5))
def test_each_record_names_the_physical_line_its_row_starts_on(recs):
    assume(all(r.display_name() or r.phones for r in recs))
    parts = list(iter_csv(recs))
    expected, line = [], 1 + len(re.findall(r"\r\n|\n|\r", parts[0]))
    for part in parts[1:]:
        expected.append(line)
        line += len(re.findall(r"\r\n|\n|\r", part))
    back = list(read_csv(io.BytesIO("".join(parts).encode("utf-8"))))
    assert [r.line for r in back] == expected


def test_written_rows_are_numbered_by_their_physical_line():
    recs = [
        ContactRecord(line=0, full_name="Ada", notes="one\ntwo"),
        ContactRecord(line=0, full_name="Bob", emails=[Labelled("b@x", "work"), Labelled("b2@x")]),
    ]
    back = _roundtrip(recs)
    assert [r.line for r in back] == [2, 4]
    assert back[1].emails == [Labelled("b@x", "work"), Labelled("b2@x", "")]


def test_iter_csv_gives_the_header_then_one_string_per_record_and_a_bom_for_excel():
    recs = [
        ContactRecord(line=0, full_name="Zoé", notes="a\nb"),
        ContactRecord(line=0, full_name="Bob"),
    ]
    parts = list(iter_csv(recs, bom=True))
    assert len(parts) == 3
    assert parts[0].startswith("\ufeffFull Name,")
    assert parts[1] == 'Zoé,,,,,,,,,,,,,,,,,,,,"a\nb",,,,\r\n'
    back = list(read_csv(io.BytesIO("".join(parts).encode("utf-8"))))
    assert [r.display_name() for r in back if isinstance(r, ContactRecord)] == ["Zoé", "Bob"]


def test_cells_a_spreadsheet_would_run_are_written_as_text_and_read_back():
    recs = [
        ContactRecord(
            line=0,
            full_name='=HYPERLINK("http://evil")',
            role="+cmd|' /C calc'!A0",
            organization="'=already quoted",
            phones=[Labelled("+33 6 12 34 56 78", "mobile")],
            notes="@SUM(1)",
        )
    ]
    out = io.StringIO(newline="")
    write_csv(recs, out)
    row = out.getvalue().splitlines()[1]
    assert row.startswith("\"'=HYPERLINK(")
    assert "'+cmd|" in row
    assert "''=already quoted" in row
    assert ",+33 6 12 34 56 78," in row
    assert "'@SUM(1)" in row
    assert _unlined(_roundtrip(recs)) == _unlined(recs)


@pytest.mark.parametrize(
    "name",
    ["horde_Outlook.csv", "rolomind_google.csv", "rolomind_linkedin.csv", "roundcube_gmail.csv"],
)
def test_every_sample_survives_a_write_and_read(name):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"sample {name} not available beside the repository")
    with path.open("rb") as f:
        recs = [r for r in read_csv(f) if isinstance(r, ContactRecord)]
    assert recs
    assert _unlined(_roundtrip(recs)) == _unlined(recs)


csvish = st.lists(
    st.sampled_from(
        [
            "Name",
            "Email",
            "a@x.org",
            ",",
            ";",
            "\t",
            '"',
            '""',
            "\n",
            "\r\n",
            "\r",
            "é",
            "\x00",
            "Notes:",
            " ",
            "x",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        csvish.map(lambda s: s.encode("utf-8")),
        csvish.map(lambda s: s.encode("utf-16")),
    )
)
def test_any_bytes_give_records_or_a_format_error(data):
    result = _read_or_error(data)
    if isinstance(result, FormatError):
        assert result.message
        assert result.line is None or result.line >= 1
    else:
        assert all(r.line >= 2 for r in result)


def _read_or_error(data: bytes) -> list[ContactRecord | SkippedRecord] | FormatError:
    try:
        return list(read_csv(io.BytesIO(data)))
    except FormatError as exc:
        return exc
