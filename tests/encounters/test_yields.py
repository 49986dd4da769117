"""Events that pay off: the yield of each event and across events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.choices import Attendance, Channel, EventKind
from entregent.encounters.models import Event
from entregent.encounters.planning import event_plan
from entregent.encounters.services import encounter_log, event_create
from entregent.encounters.yields import (
    SizeBand,
    event_yield,
    event_yield_by_kind_and_size,
    event_yields,
    size_band,
)
from entregent.followups.choices import FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create
from entregent.people.models import Person
from entregent.people.services import person_create

NOW = timezone.now().replace(microsecond=0)


def ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def meet(owner: User, people: list[Person], when: dt.datetime, event: Event | None = None, **kw):
    return encounter_log(
        owner=owner, participants=people, occurred_at=when, event=event, create_followup=False, **kw
    )


def done_followup(owner: User, person: Person, completed_at: dt.datetime) -> FollowUp:
    followup = followup_create(owner=owner, person=person, due_on=completed_at.date())
    FollowUp.objects.filter(pk=followup.pk).update(
        status=FollowUpStatus.DONE, completed_at=completed_at
    )
    return followup


@pytest.fixture
def people(alice: User) -> dict[str, Person]:
    return {n: person_create(owner=alice, full_name=n) for n in ("Ann", "Ben", "Cy", "Di")}


@pytest.fixture
def small(alice: User) -> Event:
    return event_create(
        owner=alice, name="Small meetup", date=ago(100).date(), kind=EventKind.MEETUP, size=40
    )


def test_it_counts_people_met_first_met_and_already_known(alice, people, small):
    meet(alice, [people["Ben"]], ago(200))  # known long before
    meet(alice, [people["Ann"], people["Ben"]], ago(100), small)
    got = event_yield(owner=alice, event=small, now=NOW)
    assert (got.people_met, got.first_met, got.already_known) == (2, 1, 1)


def test_a_second_encounter_at_the_same_event_is_not_a_second_meeting(alice, people, small):
    meet(alice, [people["Ann"]], ago(100), small)
    meet(alice, [people["Ann"]], ago(100) + dt.timedelta(hours=1), small)
    got = event_yield(owner=alice, event=small, now=NOW)
    assert (got.people_met, got.first_met, got.followed_up) == (1, 1, 0)


def test_a_followup_done_within_24_hours_counts_and_one_after_does_not(alice, people, small):
    met_at = ago(100)
    meet(alice, [people["Ann"], people["Ben"]], met_at, small)
    done_followup(alice, people["Ann"], met_at + dt.timedelta(hours=23, minutes=59))
    done_followup(alice, people["Ben"], met_at + dt.timedelta(hours=24, minutes=1))
    assert event_yield(owner=alice, event=small, now=NOW).followed_up == 1


def test_an_exchange_logged_outside_the_event_within_24_hours_counts(alice, people, small):
    met_at = ago(100)
    meet(alice, [people["Ann"]], met_at, small)
    meet(alice, [people["Ann"]], met_at + dt.timedelta(hours=3), channel=Channel.EMAIL)
    got = event_yield(owner=alice, event=small, now=NOW)
    assert (got.followed_up, got.followed_up_share) == (1, 1.0)


def test_it_tells_who_is_still_active_after_30_and_90_days(alice, people, small):
    met_at = ago(100)
    meet(alice, [people["Ann"], people["Ben"], people["Cy"]], met_at, small)
    meet(alice, [people["Ann"]], met_at + dt.timedelta(days=95))  # active at 30 and 90
    meet(alice, [people["Ben"]], met_at + dt.timedelta(days=40))  # active at 30 only
    meet(alice, [people["Cy"]], met_at + dt.timedelta(days=95), meaningful=False)  # not counted
    got = event_yield(owner=alice, event=small, now=NOW)
    assert (got.eligible_30, got.active_30, got.eligible_90, got.active_90) == (3, 2, 3, 1)
    assert got.active_30_share == round(2 / 3, 4)
    assert (got.too_early_30, got.too_early_90) == (False, False)


def test_a_recent_event_is_too_early_to_tell(alice, people):
    recent = event_create(owner=alice, name="Last week", date=ago(10).date(), size=800)
    meet(alice, [people["Ann"]], ago(10), recent)
    got = event_yield(owner=alice, event=recent, now=NOW)
    assert (got.too_early_30, got.too_early_90) == (True, True)
    assert (got.eligible_30, got.active_30_share, got.active_90_share) == (0, None, None)


def test_an_event_40_days_ago_tells_30_days_but_not_90(alice, people):
    event = event_create(owner=alice, name="Last month", date=ago(40).date())
    meet(alice, [people["Ann"]], ago(40), event)
    meet(alice, [people["Ann"]], ago(5))
    got = event_yield(owner=alice, event=event, now=NOW)
    assert (got.too_early_30, got.too_early_90) == (False, True)
    assert (got.active_30, got.eligible_90) == (1, 0)


def test_an_event_with_nobody_logged_yields_zeros(alice, small):
    got = event_yield(owner=alice, event=small, now=NOW)
    assert (got.people_met, got.followed_up_share) == (0, None)


def test_yields_of_a_page_of_events_take_one_query(alice, people, small, django_assert_num_queries):
    other = event_create(owner=alice, name="Other", date=ago(50).date())
    meet(alice, [people["Ann"]], ago(100), small)
    meet(alice, [people["Ben"], people["Cy"]], ago(50), other)
    with django_assert_num_queries(1):
        got = event_yields(owner=alice, events=[small, other], now=NOW)
    assert (got[small.pk].people_met, got[other.pk].people_met) == (1, 2)


@pytest.mark.parametrize(
    ("size", "band"),
    [
        (None, SizeBand.UNKNOWN),
        (0, SizeBand.SMALL),
        (99, SizeBand.SMALL),
        (100, SizeBand.MEDIUM),
        (500, SizeBand.MEDIUM),
        (501, SizeBand.LARGE),
    ],
)
def test_size_bands_have_their_edges(size, band):
    assert size_band(size) == band


def test_yield_across_events_by_kind_and_size(alice, people, small):
    big = event_create(
        owner=alice, name="Big conf", date=ago(120).date(), kind=EventKind.CONFERENCE, size=2000
    )
    unknown = event_create(
        owner=alice, name="Somewhere", date=ago(60).date(), kind=EventKind.MEETUP
    )
    empty_small = event_create(
        owner=alice,
        name="Quiet evening",
        date=ago(30).date(),
        size=20,
        kind=EventKind.MEETUP,
    )
    event_plan(event=empty_small, attendance=Attendance.ATTENDED)
    skipped = event_create(owner=alice, name="Skipped", date=ago(20).date(), size=20)
    event_plan(event=skipped, attendance=Attendance.SKIPPED)
    upcoming = event_create(owner=alice, name="Next", date=(NOW + dt.timedelta(days=5)).date())
    meet(alice, [people["Ann"], people["Ben"]], ago(100), small)
    done_followup(alice, people["Ann"], ago(100) + dt.timedelta(hours=2))
    meet(alice, [people["Cy"], people["Di"], people["Ben"]], ago(120), big)
    meet(alice, [people["Di"]], ago(60), unknown)
    meet(alice, [people["Ann"]], ago(1), upcoming)  # a future event is not counted
    summary = event_yield_by_kind_and_size(owner=alice, now=NOW)

    by_size = {g.band: g for g in summary.by_size}
    assert set(by_size) == {SizeBand.SMALL, SizeBand.LARGE, SizeBand.UNKNOWN}
    assert (by_size["small"].events, by_size["small"].people_met) == (2, 2)
    assert by_size["small"].people_per_event == 1.0
    assert by_size["small"].followed_up_share == 0.5
    assert (by_size["large"].events, by_size["large"].people_met) == (1, 3)
    assert by_size["unknown"].people_met == 1
    by_kind = {g.kind: g for g in summary.by_kind}
    assert (by_kind["meetup"].events, by_kind["meetup"].people_met) == (3, 3)
    assert (by_kind["conference"].events, by_kind["conference"].people_met) == (1, 3)
    assert summary.overall.events == 4
    assert summary.overall.people_met == 6
    assert summary.as_dict()["by_size"][0]["size_band"] == "small"


def test_yield_across_events_ignores_another_owner(alice, bob, people, small):
    bobs = person_create(owner=bob, full_name="Bruno")
    bobs_event = event_create(owner=bob, name="Bob's", date=ago(100).date(), size=10)
    meet(bob, [bobs], ago(100), bobs_event)
    meet(alice, [people["Ann"]], ago(100), small)
    assert event_yield_by_kind_and_size(owner=alice, now=NOW).overall.people_met == 1
    assert event_yield_by_kind_and_size(owner=bob, now=NOW).overall.people_met == 1
    assert event_yields(owner=alice, events=[bobs_event], now=NOW) == {}


def test_yield_across_events_takes_two_queries(alice, people, small, django_assert_num_queries):
    meet(alice, [people["Ann"]], ago(100), small)
    with django_assert_num_queries(2):
        event_yield_by_kind_and_size(owner=alice, now=NOW)
