"""Property tests: whatever text or date a person sends, a service stores exactly the cleaned
value or refuses with InvalidInput naming the field, never another error, and a refusal
writes nothing. The same properties run on SQLite and on PostgreSQL.

The oracle below is written from the rules, not from the code: text is trimmed (single-line
fields: any white space; text areas: spaces and line breaks), control characters (Unicode
category Cc, except tab and line breaks in text areas) are refused, and so is anything
longer than the column or a blank required field.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import unicodedata
from collections.abc import Iterator

from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from entregent.core.errors import InvalidInput
from entregent.encounters.models import Encounter, Event
from entregent.encounters.selectors import encounter_list
from entregent.encounters.services import encounter_log, event_create
from entregent.people.choices import FactKind, MilestoneKind
from entregent.people.models import (
    EmailAddress,
    Fact,
    Link,
    Milestone,
    Organization,
    Person,
    PhoneNumber,
    SearchTerm,
    Tag,
)
from entregent.people.normalize import search_terms
from entregent.people.selectors import PersonFilters, person_list
from entregent.people.services import fact_create, milestone_create, person_create, person_update

ROW_MODELS = (
    Person,
    Organization,
    Tag,
    EmailAddress,
    PhoneNumber,
    Link,
    SearchTerm,
    Fact,
    Milestone,
    Event,
    Encounter,
)

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any code point but surrogates (which cannot be encoded), with control characters made
# frequent, and some very long strings built by repetition.
_ANY = st.characters(exclude_categories=["Cs"])
_CONTROL = st.sampled_from([chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))])
TEXT = st.one_of(
    st.text(_ANY, max_size=40),
    st.text(st.one_of(_ANY, _CONTROL), max_size=40),
    st.builds(
        lambda chunk, times: chunk * times,
        st.text(_ANY, min_size=1, max_size=4),
        st.integers(1, 2_600),
    ),
    st.sampled_from(
        ["", "   ", "\x00", "A" * 10_000, "a\nb", "\tpadded\n", "Émilie Durand", "李小龍"]
    ),
)

INVALID = object()


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """Each example starts from the same database, so examples stay independent."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ROW_MODELS}


def _has_control(text: str, allowed: str = "") -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text)


def expect_line(raw: str, max_length: int, *, required: bool = False) -> object:
    cleaned = raw.strip()
    if _has_control(cleaned) or len(cleaned) > max_length or (required and not cleaned):
        return INVALID
    return cleaned


def expect_area(raw: str, max_length: int) -> object:
    cleaned = raw.strip("\n\r ")
    if _has_control(cleaned, allowed="\t\n\r") or len(cleaned) > max_length:
        return INVALID
    return cleaned


def expect_name(raw: str) -> object:
    cleaned = raw.strip()
    if _has_control(cleaned):
        return INVALID
    collapsed = " ".join(cleaned.split())
    if not collapsed or len(collapsed) > 200:
        return INVALID
    return collapsed


def check_refusal(exc: InvalidInput, expected: dict[str, object], before: dict[str, int]) -> None:
    bad = {field for field, value in expected.items() if value is INVALID}
    assert bad, f"valid input refused: {exc.errors}"
    assert set(exc.errors) & bad, f"refusal names {set(exc.errors)}, not one of {bad}"
    assert row_counts() == before, "a refused write left rows behind"


# People ---------------------------------------------------------------------------------


@PROPERTY
@given(full_name=TEXT, headline=TEXT, city=TEXT, notes=TEXT)
@example(full_name="A" * 10_000, headline="", city="", notes="")
@example(full_name="Ann\x00Lee", headline="", city="", notes="")
@example(full_name="Ann\x1fLee", headline="", city="", notes="")
@example(full_name="Ann Lee", headline="x\x00", city="", notes="")
@example(full_name="Ann Lee", headline="", city="", notes="n" * 20_001)
@example(full_name="Ann Lee", headline="", city="", notes="line\n\tindented\x85")
def test_person_text_is_stored_clean_or_refused(alice, full_name, headline, city, notes):
    expected = {
        "full_name": expect_name(full_name),
        "headline": expect_line(headline, 200),
        "city": expect_line(city, 100),
        "notes": expect_area(notes, 20_000),
    }
    with rolled_back():
        before = row_counts()
        try:
            person = person_create(
                owner=alice,
                full_name=full_name,
                headline=headline,
                city=city,
                notes=notes,
                tags=["t"],
            )
        except InvalidInput as exc:
            check_refusal(exc, expected, before)
            return
        assert INVALID not in expected.values(), f"invalid input stored: {expected}"
        stored = Person.objects.get(pk=person.pk)
        assert {field: getattr(stored, field) for field in expected} == expected
        assert len(stored.given_name) <= 100
        assert len(stored.family_name) <= 100
        assert stored.given_name or stored.family_name


@PROPERTY
@given(full_name=TEXT, headline=TEXT, notes=TEXT)
@example(full_name="Dana\x00", headline="", notes="")
@example(full_name="", headline="h" * 201, notes="")
def test_person_update_stores_clean_text_or_changes_nothing(
    alice, dana, full_name, headline, notes
):
    expected = {
        "full_name": expect_name(full_name),
        "headline": expect_line(headline, 200),
        "notes": expect_area(notes, 20_000),
    }
    fields = ("full_name", "given_name", "family_name", "sort_name", "headline", "notes")
    with rolled_back():
        person = Person.objects.get(pk=dana.pk)
        before = {field: getattr(person, field) for field in fields}
        terms = set(SearchTerm.objects.filter(person=dana).values_list("term", flat=True))
        try:
            person_update(person=person, full_name=full_name, headline=headline, notes=notes)
        except InvalidInput as exc:
            check_refusal(exc, expected, row_counts())
            stored = Person.objects.get(pk=dana.pk)
            assert {field: getattr(stored, field) for field in fields} == before
            assert (
                set(SearchTerm.objects.filter(person=dana).values_list("term", flat=True)) == terms
            )
            return
        assert INVALID not in expected.values(), f"invalid input stored: {expected}"
        stored = Person.objects.get(pk=dana.pk)
        assert {field: getattr(stored, field) for field in expected} == expected


@PROPERTY
@given(full_name=TEXT)
@example(full_name="Dr. Marie-Claire de la Tour")
@example(full_name="ǅemal Ǉubić")
@example(full_name="\N{MATHEMATICAL SANS-SERIF BOLD ITALIC CAPITAL ALPHA}")
def test_a_person_is_found_by_every_indexed_word_of_their_name(alice, full_name):
    with rolled_back():
        try:
            person = person_create(owner=alice, full_name=full_name)
        except InvalidInput:
            return
        for word in sorted(search_terms(person.full_name))[:5]:
            found = person_list(owner=alice, filters=PersonFilters(q=word))
            assert person in found, f"{person.full_name!r} not found by {word!r}"


@PROPERTY
@given(query=TEXT)
@example(query="\x00")
@example(query="a" * 10_000)
@example(query="%_\\'\"")
def test_search_never_fails_whatever_the_query(alice, dana, query):
    found = list(person_list(owner=alice, filters=PersonFilters(q=query)))
    assert found in ([], [dana])


@PROPERTY
@given(organization=TEXT, tag=TEXT)
@example(organization="Acme\x00", tag="")
@example(organization="", tag="#" * 70)
@example(organization="O" * 201, tag="x")
def test_organization_and_tag_names_are_stored_clean_or_refused(alice, organization, tag):
    tag_name = tag.strip().lstrip("#").strip()
    expected = {
        "organization": expect_line(organization, 200),
        "tags": expect_line(tag_name, 64),
    }
    with rolled_back():
        before = row_counts()
        try:
            person = person_create(
                owner=alice, full_name="Ann Lee", organization=organization, tags=[tag]
            )
        except InvalidInput as exc:
            check_refusal(exc, expected, before)
            return
        assert INVALID not in expected.values(), f"invalid input stored: {expected}"
        stored = Person.objects.get(pk=person.pk)
        assert (stored.organization.name if stored.organization else "") == expected["organization"]
        assert [t.name for t in stored.tags.all()] == ([tag_name] if tag_name else [])


@PROPERTY
@given(email=TEXT, link=TEXT, phone=TEXT)
@example(email="a" * 250 + "@example.org", link="", phone="")
@example(email='"a\x01"@example.org', link="https://example.org/\x00", phone="")
@example(email="", link="", phone="+33 6 12\x00 34 56 78")
def test_contact_details_are_stored_clean_or_refused(alice, email, link, phone):
    with rolled_back():
        before = row_counts()
        try:
            person = person_create(
                owner=alice, full_name="Ann Lee", emails=[email], links=[link], phones=[phone]
            )
        except InvalidInput as exc:
            check_refusal(exc, {"emails": INVALID, "links": INVALID, "phones": INVALID}, before)
            return
        for address in person.emails.values_list("address", flat=True):
            assert address == email.strip().lower()
            assert len(address) <= 254
            assert not _has_control(address)
        for url in person.links.values_list("url", flat=True):
            assert url.startswith(("http://", "https://"))
            assert not _has_control(url)
        for number in person.phones.values_list("number", flat=True):
            assert number.startswith("+")
            assert number[1:].isdigit()


# Facts and milestones -------------------------------------------------------------------


@PROPERTY
@given(
    text=TEXT,
    kind=st.sampled_from([*FactKind.values, "gossip", "", "offer\x00"]),
    about_me=st.booleans(),
)
@example(text="x" * 501, kind="offer", about_me=False)
@example(text="a\x00b", kind="offer", about_me=True)
def test_fact_text_is_stored_clean_or_refused(alice, dana, text, kind, about_me):
    expected = {
        "text": expect_line(text, 500, required=True),
        "kind": kind if kind in FactKind.values else INVALID,
    }
    with rolled_back():
        before = row_counts()
        try:
            fact = fact_create(owner=alice, person=None if about_me else dana, kind=kind, text=text)
        except InvalidInput as exc:
            check_refusal(exc, expected, before)
            return
        assert INVALID not in expected.values(), f"invalid input stored: {expected}"
        stored = Fact.objects.get(pk=fact.pk)
        assert (stored.text, stored.kind) == (expected["text"], kind)


@PROPERTY
@given(date=st.dates(), note=TEXT, kind=st.sampled_from([*MilestoneKind.values, "wedding"]))
@example(date=dt.date(1, 1, 1), note="", kind="birthday")
@example(date=dt.date(9999, 12, 31), note="", kind="launch")
@example(date=dt.date(2000, 2, 29), note="", kind="birthday")
def test_milestone_dates_and_notes_are_stored_or_refused(alice, dana, date, note, kind):
    expected = {
        "note": expect_line(note, 300),
        "kind": kind if kind in MilestoneKind.values else INVALID,
    }
    with rolled_back():
        before = row_counts()
        try:
            milestone = milestone_create(owner=alice, person=dana, kind=kind, date=date, note=note)
        except InvalidInput as exc:
            check_refusal(exc, expected, before)
            return
        assert INVALID not in expected.values(), f"invalid input stored: {expected}"
        stored = Milestone.objects.get(pk=milestone.pk)
        assert (stored.date, stored.note, stored.kind) == (date, expected["note"], kind)


# Events and encounters ------------------------------------------------------------------


EVENT_TEXT = st.fixed_dictionaries({"name": TEXT, "place": TEXT, "notes": TEXT})


@PROPERTY
@given(text=EVENT_TEXT, date=st.dates(), size=st.one_of(st.none(), st.integers(-10, 2_000_000)))
@example(text={"name": "N" * 10_000, "place": "", "notes": ""}, date=dt.date(2026, 1, 1), size=None)
@example(text={"name": "Meetup", "place": "", "notes": ""}, date=dt.date(1, 1, 1), size=0)
@example(
    text={"name": "Meetup", "place": "", "notes": ""}, date=dt.date(9999, 12, 31), size=1_000_000
)
@example(text={"name": "Meetup", "place": "", "notes": ""}, date=dt.date(2026, 1, 1), size=-1)
def test_events_are_stored_clean_or_refused(alice, text, date, size):
    expected = {
        "name": expect_line(text["name"], 200, required=True),
        "place": expect_line(text["place"], 200),
        "notes": expect_area(text["notes"], 20_000),
        "size": size if size is None or 0 <= size <= 1_000_000 else INVALID,
    }
    with rolled_back():
        before = row_counts()
        try:
            event = event_create(owner=alice, date=date, size=size, **text)
        except InvalidInput as exc:
            check_refusal(exc, expected, before)
            return
        assert INVALID not in expected.values(), f"invalid input stored: {expected}"
        stored = Event.objects.get(pk=event.pk)
        assert {field: getattr(stored, field) for field in expected} == expected
        assert stored.date == date


_OFFSETS = st.integers(-14 * 60, 14 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
MOMENTS = st.one_of(
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=_OFFSETS),
    st.sampled_from(
        [
            dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5))),
            dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        ]
    ),
)


@PROPERTY
@given(occurred_at=MOMENTS, summary=TEXT, place=TEXT)
@example(occurred_at=dt.date(1, 1, 1), summary="", place="")
@example(occurred_at=dt.datetime(9999, 12, 31, 23, 59, 59), summary="", place="")
@example(occurred_at=dt.datetime(2026, 3, 29, 2, 30), summary="", place="")
def test_encounters_store_the_moment_and_text_or_refuse(alice, dana, occurred_at, summary, place):
    expected = {"summary": expect_area(summary, 20_000), "place": expect_line(place, 200)}
    if isinstance(occurred_at, dt.datetime):
        within = (
            dt.datetime(2, 1, 1) <= occurred_at.replace(tzinfo=None) <= dt.datetime(9998, 12, 31)
        )
    else:
        within = dt.date(2, 1, 1) <= occurred_at <= dt.date(9998, 12, 31)
    with rolled_back():
        before = row_counts()
        try:
            encounter = encounter_log(
                owner=alice,
                participants=[dana],
                occurred_at=occurred_at,
                summary=summary,
                place=place,
            )
        except InvalidInput as exc:
            # The very first and last days of the calendar may be refused: some time zone
            # would show them outside it. Anything well inside must be kept.
            expected["occurred_at"] = object() if within else INVALID
            check_refusal(exc, expected, before)
            return
        assert INVALID not in expected.values(), f"invalid input stored: {expected}"
        stored = Encounter.objects.get(pk=encounter.pk)
        assert (stored.summary, stored.place) == (expected["summary"], expected["place"])
        assert stored.occurred_at == encounter.occurred_at
        if isinstance(occurred_at, dt.datetime) and occurred_at.tzinfo is not None:
            assert stored.occurred_at == occurred_at
        assert stored in list(encounter_list(owner=alice))
