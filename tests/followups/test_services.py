"""Services for follow-ups (the model and its basic writes; the loop comes later)."""

from __future__ import annotations

import datetime as dt

import pytest

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput, NotFound
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create, followup_update
from entregent.people.models import Person
from entregent.people.selectors import person_detail
from entregent.people.services import person_create

DUE = dt.date(2026, 11, 4)


@pytest.fixture
def bobs_person(bob: User) -> Person:
    return person_create(owner=bob, full_name="Bruno Bianchi")


def test_it_plans_a_follow_up(alice, dana):
    followup = followup_create(
        owner=alice, person=dana, due_on=DUE, kind=FollowUpKind.SHARE, topic=" Send the article "
    )
    stored = FollowUp.objects.get(pk=followup.pk)
    assert (stored.person, stored.due_on, stored.kind, stored.topic) == (
        dana,
        DUE,
        "share",
        "Send the article",
    )
    assert stored.status == FollowUpStatus.OPEN


def test_it_shows_open_follow_ups_on_the_person_page(alice, dana):
    later = followup_create(owner=alice, person=dana, due_on=DUE + dt.timedelta(days=7))
    sooner = followup_create(owner=alice, person=dana, due_on=DUE)
    done = followup_create(owner=alice, person=dana, due_on=DUE)
    followup_update(followup=done, status=FollowUpStatus.DONE)
    assert person_detail(owner=alice, pk=dana.pk).followups == [sooner, later]


def test_it_refuses_a_follow_up_for_another_owners_person(alice, bobs_person):
    with pytest.raises(NotFound) as exc:
        followup_create(owner=alice, person=bobs_person, due_on=DUE)
    assert "person" in exc.value.errors
    assert FollowUp.objects.count() == 0


def test_it_refuses_an_unknown_follow_up_kind(alice, dana):
    with pytest.raises(InvalidInput) as exc:
        followup_create(owner=alice, person=dana, due_on=DUE, kind="nag")
    assert "kind" in exc.value.errors


@pytest.mark.parametrize("topic", ["a\x00b", "a\nb", "t" * 301])
def test_it_refuses_an_invalid_topic(alice, dana, topic):
    with pytest.raises(InvalidInput) as exc:
        followup_create(owner=alice, person=dana, due_on=DUE, topic=topic)
    assert "topic" in exc.value.errors
    assert FollowUp.objects.count() == 0


@pytest.mark.parametrize("due_on", ["2026-02-30", "soon", None])
def test_it_refuses_an_impossible_due_date(alice, dana, due_on):
    with pytest.raises(InvalidInput) as exc:
        followup_create(owner=alice, person=dana, due_on=due_on)
    assert "due_on" in exc.value.errors
    assert FollowUp.objects.count() == 0


def test_it_records_when_a_follow_up_was_done(alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=DUE)
    followup_update(followup=followup, status=FollowUpStatus.DONE)
    assert FollowUp.objects.get(pk=followup.pk).completed_at is not None


def test_it_forgets_the_completion_when_reopened(alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=DUE)
    followup_update(followup=followup, status=FollowUpStatus.DONE)
    followup_update(followup=followup, status=FollowUpStatus.OPEN)
    assert FollowUp.objects.get(pk=followup.pk).completed_at is None


@pytest.mark.parametrize(
    ("field", "value"), [("status", "forgotten"), ("kind", "nag"), ("person", None)]
)
def test_it_refuses_an_invalid_follow_up_change(alice, dana, field, value):
    followup = followup_create(owner=alice, person=dana, due_on=DUE)
    with pytest.raises(InvalidInput) as exc:
        followup_update(followup=followup, **{field: value})
    assert field in exc.value.errors
    assert FollowUp.objects.get(pk=followup.pk).status == FollowUpStatus.OPEN
