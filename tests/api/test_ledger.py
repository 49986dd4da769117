"""The giving ledger through the API."""

from __future__ import annotations

from entregent.goals.ledger import favour_log
from entregent.goals.models import Favour
from entregent.people.services import person_create


def test_it_logs_lists_changes_and_deletes_a_favour(alice_api, alice, dana):
    response = alice_api.post(
        "/favours",
        {
            "person_id": dana.pk,
            "direction": "received",
            "kind": "advice",
            "occurred_on": "2026-01-05",
        },
    )
    assert response.status_code == 201
    favour = response.json()
    assert (favour["person"]["id"], favour["kind"], favour["source"]) == (
        dana.pk,
        "advice",
        "manual",
    )
    listed = alice_api.get("/favours", person=dana.pk).json()
    assert listed["count"] == 1
    changed = alice_api.patch(f"/favours/{favour['id']}", {"kind": "referral"})
    assert changed.json()["kind"] == "referral"
    assert alice_api.delete(f"/favours/{favour['id']}").status_code == 204
    assert not Favour.objects.exists()


def test_it_refuses_a_bad_favour(alice_api, dana):
    response = alice_api.post("/favours", {"person_id": dana.pk, "kind": "bribe"})
    assert response.status_code == 422
    assert "kind" in response.json()["errors"]


def test_another_owners_person_and_favour_are_not_found(alice_api, bob, bob_api, dana, alice):
    bruno = person_create(owner=bob, full_name="Bruno")
    assert alice_api.post("/favours", {"person_id": bruno.pk}).status_code == 404
    favour = favour_log(owner=alice, person=dana)
    assert bob_api.get(f"/favours/{favour.pk}").status_code == 404
    assert bob_api.delete(f"/favours/{favour.pk}").status_code == 404
    assert bob_api.get("/favours").json()["count"] == 0


def test_the_ledger_puts_takers_first_with_ways_to_help(alice_api, alice, dana):
    erin = person_create(owner=alice, full_name="Erin Okafor")
    favour_log(owner=alice, person=dana, direction="received")
    favour_log(owner=alice, person=erin, direction="given")
    body = alice_api.get("/ledger").json()
    assert (body["given"], body["received"], body["takers"], body["count"]) == (1, 1, 1, 2)
    first, second = body["items"]
    assert (first["person"]["id"], first["mostly_taken"]) == (dana.pk, True)
    assert first["ways_to_help"]
    assert second["ways_to_help"] == []
    assert len(body["months"]) == 12
    assert alice_api.get("/ledger", takers=True).json()["count"] == 1
