"""Preparing an upcoming event: the plan and the prep list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from entregent.core.errors import InvalidInput, NotFound
from entregent.encounters.choices import Attendance
from entregent.encounters.planning import event_plan, event_prep, upcoming_events
from entregent.encounters.services import encounter_log, event_create
from entregent.followups.services import followup_create
from entregent.people.choices import FactKind
from entregent.people.models import Fact
from entregent.people.services import person_create

TODAY = timezone.localdate()


@pytest.fixture
def upcoming(alice):
    return event_create(owner=alice, name="Founders' drinks", date=TODAY + dt.timedelta(days=3))


def test_it_plans_an_event(alice, dana, upcoming):
    erin = person_create(owner=alice, full_name="Erin Okafor")
    event_plan(
        event=upcoming,
        attendance=Attendance.PLANNED,
        my_intro="  I help small shops sell online.  ",
        want_to_meet="a product designer\nthe organiser\n",
        expected_people=[dana, dana],
        wanted_people=[erin],
    )
    upcoming.refresh_from_db()
    assert upcoming.attendance == "planned"
    assert upcoming.my_intro == "I help small shops sell online."
    assert list(upcoming.expected_people.all()) == [dana]
    assert list(upcoming.wanted_people.all()) == [erin]


def test_left_out_fields_stay(alice, dana, upcoming):
    event_plan(event=upcoming, my_intro="Hello", expected_people=[dana])
    event_plan(event=upcoming, attendance=Attendance.PLANNED)
    upcoming.refresh_from_db()
    assert upcoming.my_intro == "Hello"
    assert list(upcoming.expected_people.all()) == [dana]


def test_it_refuses_an_unknown_attendance(upcoming):
    with pytest.raises(InvalidInput) as exc:
        event_plan(event=upcoming, attendance="maybe")
    assert "attendance" in exc.value.errors


def test_it_refuses_an_intro_on_two_lines(upcoming):
    with pytest.raises(InvalidInput) as exc:
        event_plan(event=upcoming, my_intro="one\ntwo")
    assert "my_intro" in exc.value.errors


def test_it_refuses_another_owners_person(bob, upcoming):
    bruno = person_create(owner=bob, full_name="Bruno")
    with pytest.raises(NotFound):
        event_plan(event=upcoming, expected_people=[bruno])
    assert not upcoming.expected_people.exists()


def test_the_prep_list_reminds_of_each_person(alice, dana, upcoming, django_assert_num_queries):
    erin = person_create(owner=alice, full_name="Erin Okafor")
    encounter_log(
        owner=alice,
        participants=[dana],
        occurred_at=timezone.now() - dt.timedelta(days=20),
        summary="Her shop's move to Lyon\nand more",
        create_followup=False,
    )
    followup_create(owner=alice, person=dana, due_on=TODAY, topic="Send the pricing deck")
    Fact.objects.create(owner=alice, person=dana, kind=FactKind.NEED, text="a logo designer")
    Fact.objects.create(owner=alice, person=dana, kind=FactKind.OFFER, text="retail advice")
    event_plan(
        event=upcoming,
        my_intro="I build online shops.",
        expected_people=[dana],
        wanted_people=[erin],
        want_to_meet="a photographer\n\n the host ",
    )
    with django_assert_num_queries(3):
        prep = event_prep(owner=alice, pk=upcoming.pk)
    assert prep.upcoming
    (going,) = prep.going
    assert going.last_topic == "Her shop's move to Lyon"
    assert going.open_followup == "Send the pricing deck"
    assert (going.need, going.offer) == ("a logo designer", "retail advice")
    assert "Send the pricing deck" in going.reminder
    assert [p.person for p in prep.wanted] == [erin]
    assert prep.wanted[0].reminder == "never met yet"
    assert prep.want_to_meet == ["a photographer", "the host"]
    data = prep.as_dict()
    assert data["my_intro"] == "I build online shops."
    assert data["going"][0]["name"] == "Dana Whitfield"


def test_the_prep_list_hides_another_owners_event(bob, upcoming):
    with pytest.raises(NotFound):
        event_prep(owner=bob, pk=upcoming.pk)


def test_upcoming_events_are_soonest_first_without_skipped_or_past(alice, upcoming):
    later = event_create(owner=alice, name="Later", date=TODAY + dt.timedelta(days=30))
    event_create(owner=alice, name="Past", date=TODAY - dt.timedelta(days=1))
    skipped = event_create(owner=alice, name="Skip", date=TODAY + dt.timedelta(days=1))
    event_plan(event=skipped, attendance=Attendance.SKIPPED)
    assert list(upcoming_events(owner=alice)) == [upcoming, later]
