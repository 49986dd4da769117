"""API: Today, done / snooze / dismiss, and the keep-in-touch settings on /me."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from entregent.encounters.services import encounter_log
from entregent.followups.choices import FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create
from entregent.people.models import Person
from entregent.people.services import milestone_create
from tests.api.conftest import ApiClient, api_for

TODAY = timezone.localdate()


@pytest.fixture
def alice_api(alice) -> ApiClient:
    return api_for(alice)


@pytest.fixture
def bob_api(bob) -> ApiClient:
    return api_for(bob)


def test_today_lists_the_sections(alice_api, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY - dt.timedelta(days=3))
    milestone_create(owner=alice, person=dana, kind="launch", date=TODAY + dt.timedelta(days=1))
    response = alice_api.get("/today")
    assert response.status_code == 200
    data = response.json()
    assert data["today"] == TODAY.isoformat()
    assert data["total"] == 2
    item = data["overdue"]["items"][0]
    assert (item["followup_id"], item["overdue_days"], item["person_name"]) == (
        followup.pk,
        3,
        "Dana Whitfield",
    )
    assert data["congratulations"]["items"][0]["kind"] == "congratulate"
    assert data["check_ins"] == {
        "key": "check_ins",
        "title": "Time to check in",
        "total": 0,
        "capped": False,
        "more": 0,
        "items": [],
    }


def test_today_takes_a_date(alice_api, alice, dana):
    followup_create(owner=alice, person=dana, due_on=dt.date(2030, 1, 10))
    data = alice_api.get("/today", date="2030-01-10").json()
    assert data["due"]["total"] == 1
    assert alice_api.get("/today", date="someday").status_code == 422


def test_done_with_a_logged_call_resets_the_cadence(alice_api, alice, dana):
    encounter_log(
        owner=alice,
        participants=[dana],
        occurred_at=timezone.now() - dt.timedelta(days=90),
        create_followup=False,
    )
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    response = alice_api.post(
        f"/followups/{followup.pk}/done",
        {"log_encounter": {"channel": "call", "summary": "Caught up"}},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "done"
    assert response.json()["completed_at"]
    assert Person.objects.get(pk=dana.pk).next_check_in == TODAY + dt.timedelta(days=30)


def test_done_without_a_body(alice_api, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    assert alice_api.post(f"/followups/{followup.pk}/done").status_code == 200
    assert alice_api.post(f"/followups/{followup.pk}/done").status_code == 409


def test_snooze_and_dismiss(alice_api, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    response = alice_api.post(f"/followups/{followup.pk}/snooze", {"until": "next_week"})
    assert response.status_code == 200
    assert response.json()["due_on"] == (TODAY + dt.timedelta(days=7)).isoformat()
    assert response.json()["status"] == "snoozed"
    day = (TODAY + dt.timedelta(days=30)).isoformat()
    assert (
        alice_api.post(f"/followups/{followup.pk}/snooze", {"until": day}).json()["due_on"] == day
    )
    response = alice_api.post(f"/followups/{followup.pk}/dismiss")
    assert response.json()["status"] == "dismissed"
    assert FollowUp.objects.get(pk=followup.pk).dismissed_at is not None


def test_snooze_refuses_a_past_day_naming_the_field(alice_api, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY)
    response = alice_api.post(f"/followups/{followup.pk}/snooze", {"until": TODAY.isoformat()})
    assert response.status_code == 422
    assert "until" in response.json()["errors"]
    assert alice_api.post(f"/followups/{followup.pk}/snooze", {"until": "later"}).status_code == 422
    assert FollowUp.objects.get(pk=followup.pk).status == FollowUpStatus.OPEN


def test_bob_gets_404_on_alices_follow_up_actions(bob_api, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=TODAY, topic="secret")
    for action, body in (("done", None), ("snooze", {"until": "tomorrow"}), ("dismiss", None)):
        assert bob_api.post(f"/followups/{followup.pk}/{action}", body).status_code == 404
    assert FollowUp.objects.get(pk=followup.pk).status == FollowUpStatus.OPEN
    assert "secret" not in bob_api.get("/today").content.decode()


def test_me_shows_and_changes_the_keep_in_touch_settings(alice_api, alice, dana):
    assert alice_api.get("/me").json()["cadence_inner_days"] == 14
    response = alice_api.patch("/me", {"cadence_active_days": 60, "followup_delay_days": 2})
    assert response.status_code == 200
    assert response.json()["cadence_active_days"] == 60
    assert Person.objects.get(pk=dana.pk).next_check_in == TODAY + dt.timedelta(days=60)
    assert alice_api.patch("/me", {"cadence_weak_days": 0}).status_code == 422
