"""GET /duplicates, POST /merges, POST /merges/{id}/undo, GET /merges, dismiss."""

from __future__ import annotations

from entregent.dedupe.models import Merge
from entregent.people.models import Person
from entregent.people.services import person_create
from tests.api.conftest import ApiClient, api_for


def test_duplicates_are_listed_with_score_and_reasons(alice, dana):
    twin = person_create(owner=alice, full_name="Dana Whitfeild", emails=["dana@example.org"])
    response = api_for(alice).get("/duplicates")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["items"][0]
    assert {p["id"] for p in item["people"]} == {dana.pk, twin.pk}
    assert item["reasons"][0]["code"] == "same_email"
    assert item["reasons"][0]["text"] == "same e-mail dana@example.org"
    assert 0 < item["score"] <= 1


def test_merge_then_undo_through_the_api(alice, dana):
    api: ApiClient = api_for(alice)
    twin = person_create(owner=alice, full_name="Dana W.", city="Lyon")
    response = api.post(
        "/merges",
        {"survivor_id": dana.pk, "other_id": twin.pk, "choices": {"city": "other"}},
    )
    assert response.status_code == 201, response.content
    merge = response.json()
    assert merge["survivor_id"] == dana.pk
    assert merge["other_id"] == twin.pk
    assert merge["status"] == "merged"
    assert Person.objects.get(pk=dana.pk).city == "Lyon"
    listed = api.get("/merges").json()
    assert [m["id"] for m in listed["items"]] == [merge["id"]]
    undone = api.post(f"/merges/{merge['id']}/undo")
    assert undone.status_code == 200
    assert undone.json()["status"] == "undone"
    assert Person.objects.filter(pk=twin.pk).exists()
    again = api.post(f"/merges/{merge['id']}/undo")
    assert again.status_code == 409
    assert again.json()["code"] == "conflict"


def test_a_wrong_choice_names_the_field(alice, dana):
    twin = person_create(owner=alice, full_name="Dana W.")
    response = api_for(alice).post(
        "/merges", {"survivor_id": dana.pk, "other_id": twin.pk, "choices": {"city": "both"}}
    )
    assert response.status_code == 422
    assert "city" in response.json()["errors"]
    assert not Merge.objects.exists()


def test_dismissed_pairs_leave_the_list(alice, dana):
    twin = person_create(owner=alice, full_name="Dana Whitfield")
    api = api_for(alice)
    assert api.get("/duplicates").json()["count"] == 1
    response = api.post("/duplicates/dismiss", {"person_id": twin.pk, "other_id": dana.pk})
    assert response.status_code == 200
    assert {response.json()["person_id"], response.json()["other_id"]} == {dana.pk, twin.pk}
    assert api.get("/duplicates").json()["count"] == 0


def test_bob_cannot_merge_or_undo_alices_people(alice, bob, dana):
    twin = person_create(owner=alice, full_name="Dana W.")
    bob_api = api_for(bob)
    response = bob_api.post("/merges", {"survivor_id": dana.pk, "other_id": twin.pk})
    assert response.status_code == 404
    merge = api_for(alice).post("/merges", {"survivor_id": dana.pk, "other_id": twin.pk}).json()
    assert bob_api.post(f"/merges/{merge['id']}/undo").status_code == 404
    assert bob_api.get("/merges").json()["count"] == 0
