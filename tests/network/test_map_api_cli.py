"""GET /api/v1/network/map and `entregent map`: the same data, the same refusals."""

from __future__ import annotations

import json

from entregent.accounts.models import User
from entregent.cli.common import EXIT_INVALID, EXIT_NOT_FOUND
from entregent.people.services import person_create
from tests.api.conftest import api_for
from tests.cli.conftest import _no_account_from_the_environment, cli
from tests.network.map_world import World, world

__all__ = ["_no_account_from_the_environment", "cli", "world"]


def test_the_api_answers_the_map(alice: User, world: World):
    response = api_for(alice).get("/network/map")
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == data["shown"] == 4
    assert data["truncated"] is False
    assert data["filters"] == {"tag": None, "org": None, "circle": None, "event": None}
    node = next(n for n in data["nodes"] if n["id"] == world.sam.pk)
    assert node["organization"]["name"] == "Blue Bottle Studio"
    assert {"x", "y", "score", "degree", "circle"} <= set(node)
    assert {(e["source"], e["target"]) for e in data["edges"]} >= {
        (min(world.sam.pk, world.lee.pk), max(world.sam.pk, world.lee.pk))
    }


def test_the_api_filters(alice: User, world: World):
    client = api_for(alice)
    data = client.get("/network/map", event=world.meetup.pk, circle="inner").json()
    assert [n["name"] for n in data["nodes"]] == ["Karen Lee"]
    assert data["filters"]["event"] == world.meetup.pk
    empty = client.get("/network/map", tag="", org="", circle="", event="").json()
    assert empty["total"] == 4


def test_the_api_refuses_a_bad_or_foreign_filter_with_422(alice: User, bob: User, world: World):
    client = api_for(alice)
    refused = client.get("/network/map", circle="acquaintance")
    assert refused.status_code == 422
    assert list(refused.json()["errors"]) == ["circle"]
    assert client.get("/network/map", tag="x").json()["errors"] == {
        "tag": ["Enter a whole number."]
    }
    foreign = api_for(bob).get("/network/map", event=world.meetup.pk)
    assert foreign.status_code == 422
    assert foreign.json()["errors"] == {"event": ["No such event."]}


def test_the_api_shows_only_my_people(alice: User, bob: User, world: World):
    person_create(owner=bob, full_name="Bob's Friend")
    names = {n["name"] for n in api_for(bob).get("/network/map").json()["nodes"]}
    assert names == {"Bob's Friend"}


def test_map_json_prints_what_the_api_answers(cli, alice: User, world: World):
    result = cli("--user", "alice", "map", "--json", "--circle", "weak")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    answered = api_for(alice).get("/network/map", circle="weak").json()
    assert printed == answered
    assert [n["name"] for n in printed["nodes"]] == ["Sam Ortiz"]


def test_map_takes_names_for_tag_organization_and_event(cli, world: World):
    by_tag = json.loads(cli("--user", "alice", "map", "--json", "--tag", "DESIGN").output)
    assert [n["name"] for n in by_tag["nodes"]] == ["Dana Whitfield"]
    by_org = cli("--user", "alice", "map", "--json", "--org", "Blue Bottle Studio").output
    assert {n["name"] for n in json.loads(by_org)["nodes"]} == {"Dana Whitfield", "Sam Ortiz"}
    by_event = cli("--user", "alice", "map", "--json", "--event", "Design Meetup").output
    assert {n["name"] for n in json.loads(by_event)["nodes"]} == {"Dana Whitfield", "Karen Lee"}


def test_map_prints_a_summary_and_the_most_connected(cli, world: World):
    result = cli("--user", "alice", "map")
    assert result.exit_code == 0, result.output
    assert "4 of 4 people shown, 3 ties between them." in result.output
    assert "Dormant: 1" in result.output
    assert "Dana Whitfield" in result.output


def test_map_refuses_a_bad_filter(cli, world: World):
    bad_circle = cli("--user", "alice", "map", "--circle", "close")
    assert bad_circle.exit_code == EXIT_INVALID
    assert "circle" in bad_circle.output
    assert cli("--user", "alice", "map", "--tag", "nope").exit_code == EXIT_INVALID
    assert cli("--user", "alice", "map", "--org", "Nowhere Inc").exit_code == EXIT_NOT_FOUND
