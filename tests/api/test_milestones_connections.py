"""Milestones and connections through the API."""

from __future__ import annotations

import datetime as dt

from entregent.people.models import Connection, Milestone
from entregent.people.services import connection_create, person_create


def test_it_marks_a_birthday_that_repeats_yearly(alice_api, dana):
    response = alice_api.post(
        "/milestones", {"person_id": dana.pk, "kind": "birthday", "date": "1990-04-02"}
    )

    assert response.status_code == 201
    assert response.json()["yearly"] is True
    assert response.json()["date"] == "1990-04-02"


def test_a_launch_happens_once_unless_told(alice_api, dana):
    once = alice_api.post(
        "/milestones", {"person_id": dana.pk, "kind": "launch", "date": "2026-05-01"}
    )
    yearly = alice_api.post(
        "/milestones",
        {"person_id": dana.pk, "kind": "launch", "date": "2026-05-01", "yearly": True},
    )

    assert once.json()["yearly"] is False
    assert yearly.json()["yearly"] is True


def test_it_updates_lists_and_deletes_milestones(alice_api, alice, dana):
    sam = person_create(owner=alice, full_name="Sam Okafor")
    created = alice_api.post(
        "/milestones", {"person_id": dana.pk, "kind": "new_job", "date": "2026-01-10"}
    ).json()
    alice_api.post("/milestones", {"person_id": sam.pk, "kind": "birthday", "date": "1985-07-14"})

    updated = alice_api.patch(
        f"/milestones/{created['id']}", {"note": "Joined Lumen", "date": "2026-02-01"}
    )
    assert updated.status_code == 200
    assert updated.json()["note"] == "Joined Lumen"
    assert updated.json()["kind"] == "new_job"
    assert alice_api.get("/milestones").json()["count"] == 2
    assert [m["id"] for m in alice_api.get("/milestones", person=dana.pk).json()["items"]] == [
        created["id"]
    ]
    assert alice_api.get(f"/milestones/{created['id']}").json()["date"] == "2026-02-01"

    assert alice_api.delete(f"/milestones/{created['id']}").status_code == 204
    assert not Milestone.objects.filter(pk=created["id"]).exists()


def test_it_refuses_an_impossible_milestone_date(alice_api, alice, dana):
    response = alice_api.post(
        "/milestones", {"person_id": dana.pk, "kind": "birthday", "date": "2023-02-30"}
    )

    assert response.status_code == 422
    assert "date" in response.json()["errors"]
    assert not Milestone.objects.filter(owner=alice).exists()


def test_it_connects_two_people(alice_api, alice, dana):
    sam = person_create(owner=alice, full_name="Sam Okafor")

    response = alice_api.post(
        "/connections",
        {"from_person_id": dana.pk, "to_person_id": sam.pk, "kind": "colleague", "note": "Studio"},
    )

    assert response.status_code == 201
    assert response.json()["from_person"] == {"id": dana.pk, "full_name": "Dana Whitfield"}
    assert response.json()["to_person"]["id"] == sam.pk
    assert response.json()["kind"] == "colleague"


def test_it_refuses_the_same_connection_twice_with_409(alice_api, alice, dana):
    sam = person_create(owner=alice, full_name="Sam Okafor")
    connection_create(owner=alice, from_person=dana, to_person=sam)

    response = alice_api.post("/connections", {"from_person_id": sam.pk, "to_person_id": dana.pk})

    assert response.status_code == 409
    assert Connection.objects.filter(owner=alice).count() == 1


def test_it_refuses_a_connection_to_oneself(alice_api, dana):
    response = alice_api.post("/connections", {"from_person_id": dana.pk, "to_person_id": dana.pk})

    assert response.status_code == 422
    assert "to_person" in response.json()["errors"]


def test_it_updates_lists_and_deletes_connections(alice_api, alice, dana):
    sam = person_create(owner=alice, full_name="Sam Okafor")
    kim = person_create(owner=alice, full_name="Kim Lee")
    first = connection_create(owner=alice, from_person=dana, to_person=sam)
    connection_create(owner=alice, from_person=sam, to_person=kim)

    updated = alice_api.patch(f"/connections/{first.pk}", {"kind": "family", "note": "cousins"})
    assert updated.status_code == 200
    assert updated.json()["kind"] == "family"
    assert alice_api.get("/connections").json()["count"] == 2
    assert alice_api.get("/connections", person=dana.pk).json()["count"] == 1
    assert alice_api.get("/connections", person=sam.pk).json()["count"] == 2
    assert alice_api.get(f"/connections/{first.pk}").json()["note"] == "cousins"

    assert alice_api.delete(f"/connections/{first.pk}").status_code == 204
    assert not Connection.objects.filter(pk=first.pk).exists()


def test_changing_a_connection_into_an_existing_one_is_409(alice_api, alice, dana):
    sam = person_create(owner=alice, full_name="Sam Okafor")
    connection_create(owner=alice, from_person=dana, to_person=sam, kind="knows")
    colleague = connection_create(owner=alice, from_person=sam, to_person=dana, kind="colleague")

    response = alice_api.patch(f"/connections/{colleague.pk}", {"kind": "knows"})

    assert response.status_code == 409
    colleague.refresh_from_db()
    assert colleague.kind == "colleague"


def test_milestone_dates_round_trip(alice_api, dana):
    created = alice_api.post(
        "/milestones", {"person_id": dana.pk, "kind": "anniversary", "date": "0001-01-01"}
    )

    assert created.status_code == 201
    assert Milestone.objects.get(pk=created.json()["id"]).date == dt.date(1, 1, 1)
