"""GET /api/v1/paths and /api/v1/brokers."""

from __future__ import annotations

import pytest

from entregent.network import paths
from entregent.people.services import connection_create, person_create
from tests.api.conftest import api_for
from tests.network.paths_world import World, build_world


@pytest.fixture
def world(alice, monkeypatch: pytest.MonkeyPatch) -> World:
    built = build_world(alice)
    monkeypatch.setattr(paths, "my_ties", lambda *, owner, people=None: dict(built.ties))
    return built


def test_paths_to_an_organization(alice, world) -> None:
    response = api_for(alice).get("/paths", org="Acme")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["target"]["kind"] == "org"
    assert data["target"]["organization_id"] == world.karim.organization_id
    first = data["paths"][0]
    assert [p["name"] for p in first["people"]] == ["Ana Duarte", "Karim Haddad"]
    assert first["warmth"] == pytest.approx(0.4)
    assert [s["kind"] for s in first["steps"]] == ["me", "knows"]
    assert first["draft"]["language"] == "fr"
    assert data["direct"][0]["person"]["id"] == world.karim.pk


def test_paths_to_a_person_by_id_and_a_skill(alice, world) -> None:
    client = api_for(alice)
    assert client.get("/paths", person=str(world.lea.pk)).json()["target"]["person_id"] == (
        world.lea.pk
    )
    skill = client.get("/paths", skill="product photography", limit=1).json()
    assert len(skill["paths"]) == 1
    assert skill["paths"][0]["steps"][-1]["kind"] == "offer"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "person"),
        ({"person": "Ana", "org": "Acme"}, "org"),
        ({"org": "Acme", "limit": "0"}, "limit"),
        ({"org": "Acme", "limit": "many"}, "limit"),
        ({"skill": "x" * 201}, "skill"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(alice, world, params, field) -> None:
    response = api_for(alice).get("/paths", **params)
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]


def test_an_unknown_organization_is_a_404_naming_the_field(alice, world) -> None:
    response = api_for(alice).get("/paths", org="Initech")
    assert response.status_code == 404
    assert "org" in response.json()["errors"]


def test_bob_cannot_reach_alices_people_or_organizations(alice, bob, world) -> None:
    client = api_for(bob)
    assert client.get("/paths", person=str(world.lea.pk)).status_code == 404
    assert client.get("/paths", org=str(world.karim.organization_id)).status_code == 404
    assert client.get("/paths", org="Acme").status_code == 404
    assert client.get("/paths", skill="product photography").json()["paths"] == []
    assert client.get("/brokers").json()["items"] == []


def test_brokers(alice, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "my_ties", lambda *, owner, people=None: {})
    people = [
        person_create(owner=alice, full_name=f"P{n} Person", organization=org)
        for n, org in enumerate(["Acme", "Acme", "Globex", "Globex"])
    ]
    bridge = person_create(owner=alice, full_name="Bridget Bridge", city="Lyon")
    for person in people:
        connection_create(owner=alice, from_person=bridge, to_person=person)
    data = api_for(alice).get("/brokers", limit=5).json()
    assert data["items"][0]["person"]["name"] == "Bridget Bridge"
    assert data["items"][0]["closure"] == 0
    assert api_for(alice).get("/brokers", limit=0).status_code == 422
