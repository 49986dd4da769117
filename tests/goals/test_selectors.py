"""Goal metrics count the right records per day, in the account's time zone, per owner."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from entregent.encounters.services import encounter_log, event_create
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.goals.models import Favour
from entregent.goals.selectors import (
    goal_progress,
    metric_per_day,
)
from entregent.goals.services import challenge_start, goal_create
from entregent.people.services import person_create

UTC = dt.UTC
DAY = dt.date(2026, 11, 10)


def at(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def counts(owner, metric, start=DAY - dt.timedelta(days=5), end=DAY + dt.timedelta(days=5)):
    return metric_per_day(owner=owner, metric=metric, start=start, end=end)


def log(owner, people, when, **kwargs):
    kwargs.setdefault("create_followup", False)
    return encounter_log(owner=owner, participants=people, occurred_at=when, **kwargs)


@pytest.fixture
def people(alice):
    return [person_create(owner=alice, full_name=f"Person {i}") for i in range(4)]


def test_new_connections_count_each_person_once_on_their_first_meaningful_day(alice, people):
    p0, p1, p2, p3 = people
    log(alice, [p0, p1], at(DAY))
    log(alice, [p0], at(DAY + dt.timedelta(days=1)))  # p0 again: not new
    log(alice, [p2], at(DAY - dt.timedelta(days=30)))  # met long before the window
    log(alice, [p2], at(DAY))
    log(alice, [p3], at(DAY), channel="message")  # a message does not count
    log(alice, [p3], at(DAY + dt.timedelta(days=2)), meaningful=False)  # a passing e-mail
    assert counts(alice, "new_connections") == {DAY: 2}


def test_new_connection_by_email_counts_when_meaningful(alice, people):
    log(alice, [people[0]], at(DAY), channel="email")
    assert counts(alice, "new_connections") == {DAY: 1}


def test_days_follow_the_account_time_zone(alice, people, settings):
    settings.TIME_ZONE = "Europe/Paris"
    timezone.activate(zoneinfo.ZoneInfo("Europe/Paris"))
    try:
        # 23:30 UTC is already the next day in Paris.
        log(alice, [people[0]], at(DAY, 23, 30), initiated_by="me", channel="email")
        assert counts(alice, "outreach") == {DAY + dt.timedelta(days=1): 1}
        assert counts(alice, "new_connections") == {DAY + dt.timedelta(days=1): 1}
        # The window's edge is the Paris midnight too.
        assert counts(alice, "outreach", DAY - dt.timedelta(days=3), DAY) == {}
    finally:
        timezone.deactivate()


def test_outreach_counts_encounters_i_initiated_from_a_distance(alice, people):
    log(alice, [people[0]], at(DAY), initiated_by="me", channel="email")
    log(alice, [people[1]], at(DAY), initiated_by="me", channel="call")
    log(alice, [people[2]], at(DAY), initiated_by="them", channel="email")
    log(alice, [people[3]], at(DAY), initiated_by="me", channel="in_person")
    assert counts(alice, "outreach") == {DAY: 2}


def _followup(owner, person, encounter, done_at, kind=FollowUpKind.FOLLOW_UP):
    return FollowUp.objects.create(
        owner=owner,
        person=person,
        due_on=DAY,
        kind=kind,
        status=FollowUpStatus.DONE,
        source_encounter=encounter,
        completed_at=done_at,
    )


def test_followups_within_24_hours(alice, people):
    met = log(alice, [people[0]], at(DAY, 10))
    _followup(alice, people[0], met, at(DAY + dt.timedelta(days=1), 9))  # 23 h later
    _followup(alice, people[0], met, at(DAY + dt.timedelta(days=1), 11))  # 25 h later
    _followup(alice, people[0], None, at(DAY, 12))  # no source encounter
    open_one = _followup(alice, people[0], met, at(DAY, 12))
    open_one.status = FollowUpStatus.OPEN
    open_one.save()
    assert counts(alice, "followups_24h") == {DAY + dt.timedelta(days=1): 1}


def test_events_attended_are_distinct_events_with_an_encounter(alice, people):
    small = event_create(owner=alice, name="Small meetup", date=DAY)
    event_create(owner=alice, name="Skipped", date=DAY)
    log(alice, [people[0]], at(DAY), event=small)
    log(alice, [people[1]], at(DAY), event=small)
    assert counts(alice, "events") == {DAY: 1}


def test_introductions_made_are_favours_given(alice, people):
    for direction, kind in [
        ("given", "introduction"),
        ("given", "introduction"),
        ("received", "introduction"),
        ("given", "advice"),
    ]:
        Favour.objects.create(
            owner=alice, person=people[0], direction=direction, kind=kind, occurred_on=DAY
        )
    assert counts(alice, "introductions") == {DAY: 2}


def test_check_ins_done(alice, people):
    _followup(alice, people[0], None, at(DAY), kind=FollowUpKind.CHECK_IN)
    _followup(alice, people[1], None, at(DAY), kind=FollowUpKind.FOLLOW_UP)
    assert counts(alice, "check_ins") == {DAY: 1}


def test_pitches_come_from_the_pipeline(alice, bob, people):
    from entregent.pipeline.services import opportunity_create, opportunity_move

    assert counts(alice, "pitches") == {}  # nothing pitched: empty, not an error
    for owner, kind in [
        (alice, "dream_client"),
        (alice, "dream_client"),
        (alice, "job"),
        (bob, "dream_client"),
    ]:
        opportunity = opportunity_create(owner=owner, title="Pitch", kind=kind)
        opportunity_move(opportunity=opportunity, stage="reached_out", at=at(DAY))
    assert counts(alice, "pitches") == {DAY: 2}


@pytest.mark.parametrize(
    "metric",
    ["new_connections", "outreach", "followups_24h", "events", "introductions", "check_ins"],
)
def test_metrics_never_count_another_owners_records(alice, bob, metric):
    bob_person = person_create(owner=bob, full_name="Bob's friend")
    event = event_create(owner=bob, name="Bob's event", date=DAY)
    met = log(bob, [bob_person], at(DAY, 9), initiated_by="me", channel="call", event=event)
    _followup(bob, bob_person, met, at(DAY, 10))
    _followup(bob, bob_person, None, at(DAY, 10), kind=FollowUpKind.CHECK_IN)
    Favour.objects.create(owner=bob, person=bob_person, kind="introduction", occurred_on=DAY)
    assert counts(bob, metric) == {DAY: 1}
    assert counts(alice, metric) == {}


def test_challenge_progress_from_recorded_encounters(alice, people):
    today = timezone.localdate()
    goal = challenge_start(owner=alice, days=30, start_on=today - dt.timedelta(days=2))
    log(alice, [people[0]], timezone.now() - dt.timedelta(days=2))
    log(alice, [people[1]], timezone.now() - dt.timedelta(days=1))
    log(alice, [people[2], people[3]], timezone.now())
    result = goal_progress(goal=goal, today=today)
    assert result.progress is not None
    assert (result.progress.today_count, result.progress.streak) == (2, 3)
    assert result.progress.days_met == 3


def test_pace_guard_reads_overdue_followups(alice, people):
    today = timezone.localdate()
    goal = goal_create(owner=alice, metric="new_connections", target=1)
    for i in range(4):
        FollowUp.objects.create(owner=alice, person=people[i], due_on=today - dt.timedelta(days=2))
    for i in range(4):
        log(alice, [people[i]], timezone.now() - dt.timedelta(days=i))
    result = goal_progress(goal=goal, today=today)
    assert result.pace is not None
    assert result.pace.reason == "followups"
    assert result.pace.overdue_now == 4


def test_a_long_streak_is_read_back_a_year(alice, people):
    today = timezone.localdate()
    goal = goal_create(owner=alice, metric="introductions", target=1)
    Favour.objects.bulk_create(
        Favour(
            owner=alice,
            person=people[0],
            kind="introduction",
            occurred_on=today - dt.timedelta(days=i),
        )
        for i in range(100)
    )
    result = goal_progress(goal=goal, today=today)
    assert result.progress is not None
    assert result.progress.streak == 100
    assert result.progress.days_met == 30
