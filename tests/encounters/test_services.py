"""Services that log encounters and keep events."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
from django.utils import timezone

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput, NotFound
from entregent.encounters.choices import Channel, EventKind, Initiator
from entregent.encounters.models import Encounter, Event
from entregent.encounters.selectors import encounter_list
from entregent.encounters.services import (
    encounter_delete,
    encounter_log,
    encounter_update,
    event_create,
    event_delete,
    event_update,
)
from entregent.people.models import Person
from entregent.people.services import person_create


@pytest.fixture
def erin(alice: User) -> Person:
    return person_create(owner=alice, full_name="Erin Okafor")


@pytest.fixture
def bobs_person(bob: User) -> Person:
    return person_create(owner=bob, full_name="Bruno Bianchi")


@pytest.fixture
def bobs_event(bob: User) -> Event:
    return event_create(owner=bob, name="Bob's Meetup", date=dt.date(2026, 1, 1))


# Logging encounters --------------------------------------------------------------------


def test_it_logs_an_encounter_with_every_field(alice, dana, erin, meetup):
    when = dt.datetime(2026, 11, 3, 19, 30, tzinfo=dt.UTC)
    encounter = encounter_log(
        owner=alice,
        participants=[dana, erin],
        occurred_at=when,
        channel=Channel.IN_PERSON,
        place=" Café Lomi ",
        event=meetup,
        summary="  Talked about film cameras.\nShe needs a studio.  ",
        meaningful=True,
        initiated_by=Initiator.THEM,
    )
    stored = Encounter.objects.get(pk=encounter.pk)
    assert stored.occurred_at == when
    assert (stored.place, stored.event, stored.initiated_by) == ("Café Lomi", meetup, "them")
    assert stored.summary == "Talked about film cameras.\nShe needs a studio."
    assert set(stored.participants.all()) == {dana, erin}


def test_it_requires_at_least_one_participant(alice):
    with pytest.raises(InvalidInput) as exc:
        encounter_log(owner=alice, participants=[])
    assert "participants" in exc.value.errors
    assert Encounter.objects.count() == 0


def test_it_lists_a_participant_once_when_given_twice(alice, dana, erin):
    encounter = encounter_log(owner=alice, participants=[dana, erin, dana])
    assert sorted(p.pk for p in encounter.participants.all()) == sorted([dana.pk, erin.pk])


def test_it_makes_a_naive_datetime_aware_in_the_current_time_zone(alice, dana, settings):
    settings.TIME_ZONE = "Europe/Paris"
    with timezone.override("Europe/Paris"):
        encounter = encounter_log(
            owner=alice, participants=[dana], occurred_at=dt.datetime(2026, 7, 1, 9, 0)
        )
    stored = Encounter.objects.get(pk=encounter.pk).occurred_at
    assert stored == dt.datetime(2026, 7, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))


def test_it_places_a_bare_date_at_noon(alice, dana):
    encounter = encounter_log(owner=alice, participants=[dana], occurred_at=dt.date(2026, 3, 14))
    stored = Encounter.objects.get(pk=encounter.pk).occurred_at
    assert timezone.is_aware(stored)
    assert timezone.localtime(stored).date() == dt.date(2026, 3, 14)
    assert timezone.localtime(stored).hour == 12


def test_it_defaults_to_now(alice, dana):
    before = timezone.now()
    encounter = encounter_log(owner=alice, participants=[dana])
    assert before <= encounter.occurred_at <= timezone.now()


def test_it_refuses_another_owners_participant_as_not_found(alice, dana, bobs_person):
    with pytest.raises(NotFound) as exc:
        encounter_log(owner=alice, participants=[dana, bobs_person])
    assert "participants" in exc.value.errors
    assert Encounter.objects.count() == 0


def test_it_refuses_another_owners_event_as_not_found(alice, dana, bobs_event):
    with pytest.raises(NotFound) as exc:
        encounter_log(owner=alice, participants=[dana], event=bobs_event)
    assert "event" in exc.value.errors
    assert Encounter.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"), [("channel", "telepathy"), ("initiated_by", "fate"), ("channel", "")]
)
def test_it_refuses_an_unknown_choice_naming_the_field(alice, dana, field, value):
    with pytest.raises(InvalidInput) as exc:
        encounter_log(owner=alice, participants=[dana], **{field: value})
    assert list(exc.value.errors) == [field]
    assert Encounter.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("place", "Caf\x00é"),
        ("place", "one\ntwo"),
        ("place", "p" * 201),
        ("summary", "a\x00b"),
        ("summary", "s" * 20_001),
    ],
)
def test_it_refuses_invalid_text_naming_the_field(alice, dana, field, value):
    with pytest.raises(InvalidInput) as exc:
        encounter_log(owner=alice, participants=[dana], **{field: value})
    assert field in exc.value.errors
    assert Encounter.objects.count() == 0


@pytest.mark.parametrize("when", ["2026-02-30", "tomorrow", 12])
def test_it_refuses_an_impossible_time(alice, dana, when):
    with pytest.raises(InvalidInput) as exc:
        encounter_log(owner=alice, participants=[dana], occurred_at=when)
    assert "occurred_at" in exc.value.errors
    assert Encounter.objects.count() == 0


@pytest.mark.parametrize(
    "when",
    [
        dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=5))),
        dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    ],
)
def test_it_refuses_a_time_outside_the_calendar_in_utc(alice, dana, when):
    with pytest.raises(InvalidInput) as exc:
        encounter_log(owner=alice, participants=[dana], occurred_at=when)
    assert "occurred_at" in exc.value.errors
    assert Encounter.objects.count() == 0


@pytest.mark.parametrize(
    "when", [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.datetime(1, 1, 1, 12, 0, tzinfo=dt.UTC)]
)
def test_it_refuses_the_first_and_last_day_of_the_calendar(alice, dana, when):
    # Some time zone would show them in year 0 or 10000, which neither database can read back.
    with pytest.raises(InvalidInput) as exc:
        encounter_log(owner=alice, participants=[dana], occurred_at=when)
    assert "occurred_at" in exc.value.errors


def test_it_keeps_the_earliest_and_latest_dates_every_time_zone_can_show(alice, dana):
    first = encounter_log(owner=alice, participants=[dana], occurred_at=dt.date(1, 1, 2))
    last = encounter_log(owner=alice, participants=[dana], occurred_at=dt.date(9999, 12, 30))
    assert Encounter.objects.get(pk=first.pk).occurred_at.date() == dt.date(1, 1, 2)
    assert Encounter.objects.get(pk=last.pk).occurred_at.date() == dt.date(9999, 12, 30)
    assert len(encounter_list(owner=alice)) == 2


def test_it_reads_an_iso_date_and_time(alice, dana):
    when: Any = "2026-03-14T09:30:00+01:00"
    encounter = encounter_log(owner=alice, participants=[dana], occurred_at=when)
    assert Encounter.objects.get(pk=encounter.pk).occurred_at == dt.datetime(
        2026, 3, 14, 8, 30, tzinfo=dt.UTC
    )


def test_it_refuses_clearing_the_time_of_an_encounter(alice, dana):
    encounter = encounter_log(owner=alice, participants=[dana], occurred_at=dt.date(2026, 1, 5))
    with pytest.raises(InvalidInput) as exc:
        encounter_update(encounter=encounter, occurred_at=None)
    assert "occurred_at" in exc.value.errors


# Updating encounters -------------------------------------------------------------------


def test_it_corrects_an_encounter(alice, dana, erin, meetup):
    encounter = encounter_log(owner=alice, participants=[dana])
    encounter_update(
        encounter=encounter, participants=[erin], channel=Channel.CALL, event=meetup, summary=" x "
    )
    stored = Encounter.objects.get(pk=encounter.pk)
    assert (stored.channel, stored.event, stored.summary) == ("call", meetup, "x")
    assert list(stored.participants.all()) == [erin]


def test_it_refuses_removing_every_participant(alice, dana):
    encounter = encounter_log(owner=alice, participants=[dana], summary="before")
    with pytest.raises(InvalidInput) as exc:
        encounter_update(encounter=encounter, participants=[], summary="after")
    assert "participants" in exc.value.errors
    stored = Encounter.objects.get(pk=encounter.pk)
    assert (stored.summary, list(stored.participants.all())) == ("before", [dana])


def test_it_refuses_another_owners_participant_on_update(alice, dana, bobs_person):
    encounter = encounter_log(owner=alice, participants=[dana], summary="before")
    with pytest.raises(NotFound):
        encounter_update(encounter=encounter, participants=[bobs_person], summary="after")
    stored = Encounter.objects.get(pk=encounter.pk)
    assert (stored.summary, list(stored.participants.all())) == ("before", [dana])


def test_it_refuses_another_owners_event_on_update(alice, dana, bobs_event):
    encounter = encounter_log(owner=alice, participants=[dana])
    with pytest.raises(NotFound):
        encounter_update(encounter=encounter, event=bobs_event)
    assert Encounter.objects.get(pk=encounter.pk).event is None


@pytest.mark.parametrize(
    ("field", "value"), [("channel", "fax"), ("initiated_by", "nobody"), ("owner", None)]
)
def test_it_refuses_an_invalid_change_naming_the_field(alice, dana, field, value):
    encounter = encounter_log(owner=alice, participants=[dana])
    with pytest.raises(InvalidInput) as exc:
        encounter_update(encounter=encounter, **{field: value})
    assert field in exc.value.errors


def test_it_deletes_an_encounter_and_keeps_the_people(alice, dana):
    encounter = encounter_log(owner=alice, participants=[dana])
    encounter_delete(encounter=encounter)
    assert Encounter.objects.count() == 0
    assert Person.objects.filter(pk=dana.pk).exists()


# Events --------------------------------------------------------------------------------


def test_it_keeps_an_event(alice):
    event = event_create(
        owner=alice,
        name=" Django Paris ",
        date=dt.date(2026, 5, 1),
        kind=EventKind.MEETUP,
        place=" Station F ",
        size=80,
    )
    stored = Event.objects.get(pk=event.pk)
    assert (stored.name, stored.place, stored.size, stored.kind) == (
        "Django Paris",
        "Station F",
        80,
        "meetup",
    )


@pytest.mark.parametrize("kind", EventKind.values)
def test_it_accepts_every_event_kind(alice, kind):
    assert event_create(owner=alice, name="E", date=dt.date(2026, 5, 1), kind=kind).kind == kind


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "   "),
        ("name", "N" * 201),
        ("name", "N" * 10_000),
        ("name", "Meet\x00up"),
        ("place", "a\nb"),
        ("notes", "a\x00b"),
        ("notes", "n" * 20_001),
        ("size", -1),
        ("size", 1_000_001),
        ("size", "lots"),
        ("kind", "rave"),
        ("date", "2026-02-30"),
        ("date", None),
        ("date", "soon"),
    ],
)
def test_it_refuses_an_invalid_event_naming_the_field(alice, field, value):
    fields = {"name": "Django Paris", "date": dt.date(2026, 5, 1), field: value}
    with pytest.raises(InvalidInput) as exc:
        event_create(owner=alice, **fields)
    assert field in exc.value.errors
    assert Event.objects.count() == 0


@pytest.mark.parametrize("size", [0, 1_000_000, None])
def test_it_accepts_sizes_within_bounds(alice, size):
    assert event_create(owner=alice, name="E", date=dt.date(2026, 5, 1), size=size).size == size


def test_it_changes_an_event(alice, meetup):
    event_update(event=meetup, name="Design Meetup #2", size=None)
    stored = Event.objects.get(pk=meetup.pk)
    assert (stored.name, stored.size) == ("Design Meetup #2", None)


@pytest.mark.parametrize(
    ("field", "value"), [("kind", "rave"), ("name", ""), ("owner", None), ("size", -5)]
)
def test_it_refuses_an_invalid_event_change(alice, meetup, field, value):
    with pytest.raises(InvalidInput) as exc:
        event_update(event=meetup, **{field: value})
    assert field in exc.value.errors
    stored = Event.objects.get(pk=meetup.pk)
    assert (stored.name, stored.kind, stored.size) == ("Design Meetup", "meetup", 40)


def test_it_deletes_an_event_and_keeps_its_encounters(alice, dana, meetup):
    encounter = encounter_log(owner=alice, participants=[dana], event=meetup)
    event_delete(event=meetup)
    assert Encounter.objects.get(pk=encounter.pk).event is None
