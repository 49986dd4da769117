"""GET /api/v1/people/{id}/brief and /common-ground."""

from __future__ import annotations

from entregent.accounts.models import User
from entregent.api import api
from entregent.people.services import person_create
from tests.api.conftest import ApiClient, api_for
from tests.matching.conftest import Network


def test_the_brief_as_json(alice: User, network: Network):
    response = api_for(alice).get(f"/people/{network.dana.pk}/brief")
    assert response.status_code == 200
    data = response.json()
    assert data["person"] == {"id": network.dana.pk, "full_name": "Dana Whitfield"}
    assert data["language"] == "en"
    assert [group["kind"] for group in data["facts"]] == ["interest", "offer", "need", "project"]
    assert data["encounters"][0]["event"]["name"] == "Design Meetup"
    assert data["encounters"][0]["summary"] == "Talked about kiln prices and the Etsy shop."
    assert len(data["questions"]) == 3
    kinds = [item["kind"] for item in data["common_ground"]]
    assert kinds[:2] == ["complement", "complement"]
    acquaintance = next(i for i in data["common_ground"] if i["kind"] == "acquaintance")
    assert acquaintance["person_id"] == network.karen.pk
    assert acquaintance["sentence"] == "You both know Karen Lee."


def test_the_brief_of_a_french_speaker_says_which_language_its_questions_are_in(
    alice: User, network: Network
):
    data = api_for(alice).get(f"/people/{network.camille.pk}/brief").json()
    assert data["language"] == "fr"


def test_common_ground_with_me_and_with_someone_else(alice: User, network: Network):
    client = api_for(alice)
    mine = client.get(f"/people/{network.dana.pk}/common-ground").json()
    assert mine["other"] is None
    assert "You both care about running." in [i["sentence"] for i in mine["items"]]
    between = client.get(
        f"/people/{network.dana.pk}/common-ground", **{"with": network.karen.pk}
    ).json()
    assert between["other"] == {"id": network.karen.pk, "full_name": "Karen Lee"}
    assert [i["kind"] for i in between["items"]] == ["direct", "event", "city"]
    assert between["items"][1]["event_id"] == network.meetup.pk


def test_common_ground_refuses_the_same_person_and_unknown_ids(alice: User, network: Network):
    client = api_for(alice)
    same = client.get(f"/people/{network.dana.pk}/common-ground", **{"with": network.dana.pk})
    assert same.status_code == 422
    assert "with" in same.json()["errors"]
    missing = client.get(f"/people/{network.dana.pk}/common-ground", **{"with": 999999})
    assert missing.status_code == 404
    assert "with" in missing.json()["errors"]
    assert client.get("/people/999999/brief").status_code == 404
    bad = client.get(f"/people/{network.dana.pk}/common-ground", **{"with": "abc"})
    assert bad.status_code == 422


def test_bob_cannot_compare_with_alices_people(bob: User, network: Network):
    bobs = person_create(owner=bob, full_name="Bob's friend")
    client: ApiClient = api_for(bob)
    response = client.get(f"/people/{bobs.pk}/common-ground", **{"with": network.dana.pk})
    assert response.status_code == 404
    assert "Dana" not in response.content.decode()
    assert client.get(f"/people/{network.dana.pk}/brief").status_code == 404


def test_the_routes_are_documented():
    schema = api.get_openapi_schema()
    brief = schema["paths"]["/api/v1/people/{person_id}/brief"]["get"]
    ground = schema["paths"]["/api/v1/people/{person_id}/common-ground"]["get"]
    assert {200, 401, 404, 422} <= set(brief["responses"])
    assert {200, 401, 404, 422} <= set(ground["responses"])
    assert [p["name"] for p in ground["parameters"]] == ["person_id", "with"]
    assert brief["description"]
