"""Goals API: CRUD, progress with the pace guard, challenges and their review."""

import datetime as dt

from django.utils import timezone

from entregent.encounters.services import encounter_log
from entregent.goals.models import Goal
from entregent.people.services import person_create


def test_create_list_update_delete_a_goal(alice_api):
    created = alice_api.post(
        "/goals", {"metric": "outreach", "target": 10, "period": "day", "title": "Pitch"}
    )
    assert created.status_code == 201
    goal_id = created.json()["id"]
    assert alice_api.get("/goals").json()["count"] == 1
    patched = alice_api.patch(f"/goals/{goal_id}", {"target": 5, "archived": True})
    assert patched.status_code == 200
    assert (patched.json()["target"], patched.json()["archived"]) == (5, True)
    assert alice_api.get("/goals").json()["count"] == 0
    assert alice_api.get("/goals", archived="true").json()["count"] == 1
    assert alice_api.delete(f"/goals/{goal_id}").status_code == 204
    assert not Goal.objects.exists()


def test_a_bad_goal_names_the_field(alice_api):
    response = alice_api.post("/goals", {"metric": "outreach", "target": 0})
    assert response.status_code == 422
    response = alice_api.post("/goals", {"metric": "outreach", "target": 1, "period": "challenge"})
    assert response.status_code == 422
    assert "start_on" in response.json()["errors"]
    response = alice_api.post("/goals", {"metric": "replies", "target": 1})
    assert response.status_code == 422


def test_progress_of_a_challenge(alice, alice_api):
    started = alice_api.post("/challenges", {"metric": "new_connections", "days": 30})
    assert started.status_code == 201
    challenge = started.json()
    assert (challenge["period"], challenge["start_on"]) == (
        "challenge",
        timezone.localdate().isoformat(),
    )
    for name in ("Ana", "Ben"):
        encounter_log(
            owner=alice,
            participants=[person_create(owner=alice, full_name=name)],
            create_followup=False,
        )
    progress = alice_api.get(f"/goals/{challenge['id']}/progress").json()
    assert (progress["today_count"], progress["streak"], progress["left_today"]) == (2, 1, 0)
    assert progress["series"] == [
        {"day": timezone.localdate().isoformat(), "count": 2, "met": True}
    ]
    assert progress["pace"] is None


def test_challenge_refuses_both_per_day_and_total(alice_api):
    response = alice_api.post("/challenges", {"per_day": 2, "total": 30})
    assert response.status_code == 422
    assert "total" in response.json()["errors"]


def test_pace_guard_in_progress(alice, alice_api):
    goal = alice_api.post("/goals", {"metric": "new_connections", "target": 1}).json()
    now = timezone.now()
    for i in range(4):
        encounter_log(
            owner=alice,
            participants=[person_create(owner=alice, full_name=f"P{i}")],
            occurred_at=now - dt.timedelta(days=i),
            followup_due=timezone.localdate() - dt.timedelta(days=2),
        )
    pace = alice_api.get(f"/goals/{goal['id']}/progress").json()["pace"]
    assert pace["reason"] == "followups"
    assert "slower day" in pace["message"]


def test_review_of_a_challenge(alice, alice_api):
    challenge = alice_api.post("/challenges", {"days": 7}).json()
    encounter_log(
        owner=alice,
        participants=[person_create(owner=alice, full_name="Ana")],
        create_followup=False,
    )
    review = alice_api.get(f"/challenges/{challenge['id']}/review")
    assert review.status_code == 200
    assert [p["full_name"] for p in review.json()["people"]] == ["Ana"]
    plain = alice_api.post("/goals", {"metric": "outreach", "target": 1}).json()
    assert alice_api.get(f"/challenges/{plain['id']}/review").status_code == 404


def test_bob_cannot_see_alices_goals(alice_api, bob_api):
    goal = alice_api.post("/goals", {"metric": "outreach", "target": 1}).json()
    assert bob_api.get(f"/goals/{goal['id']}").status_code == 404
    assert bob_api.get(f"/goals/{goal['id']}/progress").status_code == 404
    assert bob_api.patch(f"/goals/{goal['id']}", {"target": 3}).status_code == 404
    assert bob_api.delete(f"/goals/{goal['id']}").status_code == 404
    assert bob_api.get("/goals").json()["count"] == 0
