"""Pipeline services: create, move (with history), update, referral outcomes and follow-ups."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput
from entregent.followups.models import FollowUp
from entregent.people.models import Person
from entregent.people.services import organization_create, person_create
from entregent.pipeline.choices import ReferralOutcome, Stage
from entregent.pipeline.models import Opportunity, StageChange
from entregent.pipeline.selectors import board, funnel, next_steps_due, stage_entries_per_day
from entregent.pipeline.services import (
    next_step_done,
    next_step_reschedule,
    opportunity_create,
    opportunity_move,
    opportunity_update,
    referral_followups_plan,
    referral_outcome_set,
)

pytestmark = pytest.mark.django_db


def at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, tzinfo=timezone.get_current_timezone())


def test_create_records_the_first_stage(alice: User, dana: Person) -> None:
    opp = opportunity_create(owner=alice, title="Acme redesign", people=[dana], next_step="Write")
    assert opp.stage == Stage.IDEA
    assert list(opp.people.all()) == [dana]
    change = StageChange.objects.get(opportunity=opp)
    assert (change.from_stage, change.to_stage, change.kind) == ("", "idea", "dream_client")


def test_move_records_history_and_orders_the_column(alice: User) -> None:
    a = opportunity_create(owner=alice, title="A", stage=Stage.REACHED_OUT)
    b = opportunity_create(owner=alice, title="B", stage=Stage.REACHED_OUT)
    c = opportunity_create(owner=alice, title="C")
    opportunity_move(opportunity=c, stage=Stage.REACHED_OUT, position=0)
    column = board(owner=alice, kind="dream_client")[1]
    assert [o.title for o in column.cards] == ["C", "A", "B"]
    assert list(
        StageChange.objects.filter(opportunity=c).values_list("from_stage", "to_stage")
    ) == [("", "idea"), ("idea", "reached_out")]
    # Reordering within a column records nothing.
    opportunity_move(opportunity=a, stage=Stage.REACHED_OUT, position=0)
    assert StageChange.objects.filter(opportunity=a).count() == 1
    assert [o.title for o in board(owner=alice, kind="dream_client")[1].cards] == ["A", "C", "B"]
    assert b.pk


def test_invalid_stage_is_refused_naming_the_field(alice: User) -> None:
    opp = opportunity_create(owner=alice, title="A")
    with pytest.raises(InvalidInput) as exc:
        opportunity_move(opportunity=opp, stage="dreaming")
    assert "stage" in exc.value.errors
    with pytest.raises(InvalidInput) as exc:
        opportunity_create(owner=alice, title="B", kind="lottery")
    assert "kind" in exc.value.errors
    with pytest.raises(InvalidInput) as exc:
        opportunity_update(opportunity=opp, stage="won")
    assert "stage" in exc.value.errors


def test_empty_title_is_refused(alice: User) -> None:
    with pytest.raises(InvalidInput) as exc:
        opportunity_create(owner=alice, title="  ")
    assert "title" in exc.value.errors


def test_another_owners_organization_or_people_are_refused(alice: User, bob: User) -> None:
    theirs = organization_create(owner=bob, name="Bob Inc")
    bobs_friend = person_create(owner=bob, full_name="Eve Bob")
    with pytest.raises(InvalidInput) as exc:
        opportunity_create(owner=alice, title="A", organization=theirs.pk)
    assert "organization" in exc.value.errors
    with pytest.raises(InvalidInput) as exc:
        opportunity_create(owner=alice, title="A", people=[bobs_friend.pk])
    assert "people" in exc.value.errors
    opp = opportunity_create(owner=alice, title="A")
    with pytest.raises(InvalidInput) as exc:
        opportunity_update(opportunity=opp, asked_person=bobs_friend)
    assert "asked_person" in exc.value.errors


def test_funnel_counts_history_not_the_current_stage(alice: User) -> None:
    for i in range(8):
        opp = opportunity_create(owner=alice, title=f"Client {i}")
        opportunity_move(opportunity=opp, stage=Stage.REACHED_OUT)
        if i < 3:
            opportunity_move(opportunity=opp, stage=Stage.CALL_BOOKED)
            if i == 0:
                opportunity_move(opportunity=opp, stage=Stage.LOST)
    opportunity_create(owner=alice, title="Just an idea")
    dream = funnel(owner=alice, kinds=["dream_client"])[0]
    counts = {s.key: s.count for s in dream.steps}
    assert counts == {"pitched": 8, "replied": 3, "call_booked": 3, "won": 0}
    assert dream.summary == "8 pitched → 3 calls booked"


def test_stage_entries_per_day_groups_by_day(alice: User, bob: User) -> None:
    for day in (3, 3, 5):
        opp = opportunity_create(owner=alice, title="P", at=at(day, 9))
        opportunity_move(opportunity=opp, stage=Stage.REACHED_OUT, at=at(day))
    job = opportunity_create(owner=alice, title="Job", kind="job")
    opportunity_move(opportunity=job, stage=Stage.REACHED_OUT, at=at(5))
    other = opportunity_create(owner=bob, title="Bob's")
    opportunity_move(opportunity=other, stage=Stage.REACHED_OUT, at=at(5))
    got = stage_entries_per_day(
        owner=alice,
        start=dt.date(2026, 11, 1),
        end=dt.date(2026, 11, 30),
        stage="reached_out",
        kinds=["dream_client"],
    )
    assert got == {dt.date(2026, 11, 3): 2, dt.date(2026, 11, 5): 1}
    every_kind = stage_entries_per_day(
        owner=alice, start=dt.date(2026, 11, 5), end=dt.date(2026, 11, 5), stage="reached_out"
    )
    assert every_kind == {dt.date(2026, 11, 5): 2}


def test_referral_followup_is_planned_once_after_a_week(alice: User, dana: Person) -> None:
    opp = opportunity_create(
        owner=alice,
        title="Intro to Acme",
        kind="referral",
        asked_person=dana,
        asked_for="an introduction to Acme's CTO",
        asked_on=dt.date(2026, 11, 1),
        stage=Stage.REACHED_OUT,
    )
    assert referral_followups_plan(owner=alice, today=dt.date(2026, 11, 7)) == []
    created = referral_followups_plan(owner=alice, today=dt.date(2026, 11, 8))
    assert len(created) == 1
    assert created[0].person == dana
    assert "Acme's CTO" in created[0].topic
    assert referral_followups_plan(owner=alice, today=dt.date(2026, 11, 20)) == []
    opp.refresh_from_db()
    assert opp.referral_followup == created[0]
    assert FollowUp.objects.filter(owner=alice).count() == 1


def test_answered_referral_gets_no_followup(alice: User, dana: Person) -> None:
    opp = opportunity_create(
        owner=alice,
        title="Intro",
        kind="referral",
        asked_person=dana,
        asked_on=dt.date(2026, 11, 1),
    )
    referral_outcome_set(opportunity=opp, outcome=ReferralOutcome.INTRODUCED)
    assert opp.stage == Stage.REPLIED
    assert referral_followups_plan(owner=alice, today=dt.date(2026, 12, 1)) == []


def test_referral_no_reply_moves_the_card(alice: User, dana: Person) -> None:
    opp = opportunity_create(owner=alice, title="Intro", kind="referral", asked_person=dana)
    assert opp.asked_on == timezone.localdate()
    referral_outcome_set(opportunity=opp, outcome="no_reply")
    opp.refresh_from_db()
    assert opp.stage == Stage.NO_REPLY
    with pytest.raises(InvalidInput):
        referral_outcome_set(opportunity=opp, outcome="maybe")
    job = opportunity_create(owner=alice, title="Job", kind="job")
    with pytest.raises(InvalidInput):
        referral_outcome_set(opportunity=job, outcome="introduced")


def test_next_steps_due_done_and_reschedule(alice: User) -> None:
    today = dt.date(2026, 11, 10)
    late = opportunity_create(
        owner=alice, title="Late", next_step="Call", next_step_on=dt.date(2026, 11, 8)
    )
    opportunity_create(
        owner=alice, title="Soon", next_step="Mail", next_step_on=dt.date(2026, 11, 12)
    )
    assert [o.title for o in next_steps_due(owner=alice, on=today)] == ["Late"]
    next_step_reschedule(opportunity=late, on=dt.date(2026, 11, 11))
    assert list(next_steps_due(owner=alice, on=today)) == []
    next_step_done(opportunity=late)
    late.refresh_from_db()
    assert (late.next_step, late.next_step_on) == ("", None)


def test_changing_kind_moves_history_to_the_new_board(alice: User) -> None:
    opp = opportunity_create(owner=alice, title="A", stage=Stage.REACHED_OUT)
    opportunity_update(opportunity=opp, kind="collaboration")
    assert set(StageChange.objects.values_list("kind", flat=True)) == {"collaboration"}
    assert Opportunity.objects.get(pk=opp.pk).kind == "collaboration"
