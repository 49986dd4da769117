"""Reads of encounters and events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from entregent.accounts.models import User
from entregent.core.errors import NotFound
from entregent.encounters.models import Encounter, Event
from entregent.encounters.selectors import (
    encounter_get,
    encounter_list,
    event_detail,
    event_get,
    event_list,
)
from entregent.encounters.services import encounter_log, event_create
from entregent.people.models import Person
from entregent.people.services import person_create

BAD_IDS = ["abc", "", "1.5", "-1", "0", "9" * 30, 2**63, 10**30, None]


@pytest.fixture
def erin(alice: User) -> Person:
    return person_create(owner=alice, full_name="Erin Okafor")


@pytest.fixture
def bobs_person(bob: User) -> Person:
    return person_create(owner=bob, full_name="Bruno Bianchi")


@pytest.fixture
def bobs_event(bob: User) -> Event:
    return event_create(owner=bob, name="Bob's Meetup", date=dt.date(2026, 1, 1))


@pytest.fixture
def bobs_encounter(bob: User, bobs_person: Person, bobs_event: Event) -> Encounter:
    return encounter_log(owner=bob, participants=[bobs_person], event=bobs_event)


def test_it_gets_the_owners_event(alice, meetup):
    assert event_get(owner=alice, pk=meetup.pk) == meetup


def test_it_hides_another_owners_event(alice, bobs_event):
    with pytest.raises(NotFound):
        event_get(owner=alice, pk=bobs_event.pk)


def test_it_hides_another_owners_encounter(alice, bobs_encounter):
    with pytest.raises(NotFound):
        encounter_get(owner=alice, pk=bobs_encounter.pk)


def test_it_hides_another_owners_event_page(alice, bobs_event):
    with pytest.raises(NotFound):
        event_detail(owner=alice, pk=bobs_event.pk)


@pytest.mark.parametrize("pk", BAD_IDS)
@pytest.mark.parametrize("getter", [event_get, encounter_get, event_detail])
def test_it_answers_not_found_for_an_odd_id(alice, bobs_encounter, getter, pk):
    with pytest.raises(NotFound):
        getter(owner=alice, pk=pk)


def test_it_gets_an_encounter_with_its_participants(alice, dana, erin):
    encounter = encounter_log(owner=alice, participants=[erin, dana])
    got = encounter_get(owner=alice, pk=encounter.pk)
    assert [p.full_name for p in got.participants.all()] == ["Erin Okafor", "Dana Whitfield"]


def test_it_lists_events_newest_first_with_encounter_counts(alice, dana, meetup):
    older = event_create(
        owner=alice, name="Old Conference", date=dt.date(2020, 1, 1), kind="conference"
    )
    encounter_log(owner=alice, participants=[dana], event=meetup)
    encounter_log(owner=alice, participants=[dana], event=meetup)
    events: list[Any] = list(event_list(owner=alice))
    listed = [(e.name, e.encounter_count) for e in events]
    assert listed == [("Design Meetup", 2), (older.name, 0)]


def test_it_never_lists_bobs_events(alice, meetup, bobs_event):
    assert list(event_list(owner=alice)) == [meetup]


def test_it_filters_events_by_name_and_kind(alice, meetup):
    event_create(owner=alice, name="PyCon", date=dt.date(2026, 4, 1), kind="conference")
    assert [e.name for e in event_list(owner=alice, q="design")] == ["Design Meetup"]
    assert [e.name for e in event_list(owner=alice, kind="conference")] == ["PyCon"]


def test_it_lists_encounters_newest_first(alice, dana):
    old = encounter_log(owner=alice, participants=[dana], occurred_at=dt.date(2025, 1, 1))
    new = encounter_log(owner=alice, participants=[dana], occurred_at=dt.date(2026, 1, 1))
    assert list(encounter_list(owner=alice)) == [new, old]


def test_it_never_lists_bobs_encounters(alice, dana, bobs_encounter):
    mine = encounter_log(owner=alice, participants=[dana])
    assert list(encounter_list(owner=alice)) == [mine]


def test_it_filters_encounters_by_person_channel_and_event(alice, dana, erin, meetup):
    with_dana = encounter_log(owner=alice, participants=[dana], channel="call")
    at_meetup = encounter_log(owner=alice, participants=[erin], event=meetup)
    assert list(encounter_list(owner=alice, person=dana)) == [with_dana]
    assert list(encounter_list(owner=alice, channel="call")) == [with_dana]
    assert list(encounter_list(owner=alice, event=meetup)) == [at_meetup]


def test_it_lists_each_person_met_at_an_event_once(alice, dana, erin, meetup):
    encounter_log(owner=alice, participants=[dana, erin], event=meetup)
    encounter_log(owner=alice, participants=[dana], event=meetup)
    encounter_log(owner=alice, participants=[person_create(owner=alice, full_name="Ann Lee")])
    detail = event_detail(owner=alice, pk=meetup.pk)
    assert [p.full_name for p in detail.people] == ["Erin Okafor", "Dana Whitfield"]
    assert len(detail.encounters) == 2


def test_it_shows_an_event_with_nobody_met(alice, meetup):
    detail = event_detail(owner=alice, pk=meetup.pk)
    assert (detail.event, detail.people, detail.encounters) == (meetup, [], [])


@pytest.mark.parametrize(
    ("query", "expected"), [("Design\x00Meetup", ["Design Meetup"]), ("\x00", ["Design Meetup"])]
)
def test_it_reads_a_control_character_in_an_event_query_as_a_space(alice, meetup, query, expected):
    assert [e.name for e in event_list(owner=alice, q=query)] == expected


@pytest.mark.parametrize(
    ("kind", "channel"), [("meet\x00up", ""), ("", "vi\x00deo"), ("rave", ""), ("", "fax")]
)
def test_it_lists_nothing_for_an_unknown_kind_or_channel(alice, dana, meetup, kind, channel):
    encounter_log(owner=alice, participants=[dana], event=meetup)
    if kind:
        assert list(event_list(owner=alice, kind=kind)) == []
    else:
        assert list(encounter_list(owner=alice, channel=channel)) == []
