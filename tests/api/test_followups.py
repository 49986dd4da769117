"""Follow-ups through the API: plain create, read, update, delete."""

from __future__ import annotations

import datetime as dt

from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create
from entregent.people.services import person_create


def test_it_plans_a_follow_up(alice_api, dana):
    response = alice_api.post(
        "/followups",
        {
            "person_id": dana.pk,
            "due_on": "2026-12-01",
            "kind": "share",
            "topic": "Send the article",
        },
    )

    assert response.status_code == 201
    assert response.json()["status"] == "open"
    assert response.json()["person_id"] == dana.pk
    assert response.json()["completed_at"] is None


def test_marking_a_follow_up_done_records_when(alice_api, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=dt.date(2026, 12, 1))

    done = alice_api.patch(f"/followups/{followup.pk}", {"status": "done"})
    reopened = alice_api.patch(f"/followups/{followup.pk}", {"status": "open"})

    assert done.status_code == 200
    assert done.json()["completed_at"] is not None
    assert reopened.json()["completed_at"] is None


def test_it_lists_follow_ups_by_person_and_status(alice_api, alice, dana):
    sam = person_create(owner=alice, full_name="Sam Okafor")
    first = followup_create(owner=alice, person=dana, due_on=dt.date(2026, 12, 1))
    followup_create(owner=alice, person=sam, due_on=dt.date(2026, 11, 1))
    alice_api.patch(f"/followups/{first.pk}", {"status": "dismissed"})

    assert alice_api.get("/followups").json()["count"] == 2
    assert [f["person_id"] for f in alice_api.get("/followups", person=sam.pk).json()["items"]] == [
        sam.pk
    ]
    assert [f["id"] for f in alice_api.get("/followups", status="dismissed").json()["items"]] == [
        first.pk
    ]


def test_it_reads_updates_and_deletes_a_follow_up(alice_api, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=dt.date(2026, 12, 1))

    assert alice_api.get(f"/followups/{followup.pk}").json()["due_on"] == "2026-12-01"
    updated = alice_api.patch(
        f"/followups/{followup.pk}", {"due_on": "2026-12-24", "topic": "Xmas card"}
    )
    assert updated.json()["due_on"] == "2026-12-24"
    assert updated.json()["kind"] == "follow_up"
    assert alice_api.delete(f"/followups/{followup.pk}").status_code == 204
    assert not FollowUp.objects.filter(pk=followup.pk).exists()


def test_it_refuses_an_unknown_status(alice_api, alice, dana):
    followup = followup_create(owner=alice, person=dana, due_on=dt.date(2026, 12, 1))

    response = alice_api.patch(f"/followups/{followup.pk}", {"status": "forgotten"})

    assert response.status_code == 422
    assert "status" in response.json()["errors"]


def test_it_refuses_an_impossible_due_date(alice_api, alice, dana):
    response = alice_api.post("/followups", {"person_id": dana.pk, "due_on": "2026-02-29"})

    assert response.status_code == 422
    assert "due_on" in response.json()["errors"]
    assert not FollowUp.objects.filter(owner=alice).exists()
