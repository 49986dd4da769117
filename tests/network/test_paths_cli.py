"""`entregent path` and `entregent brokers`."""

from __future__ import annotations

import json

import pytest

from entregent.cli.common import EXIT_INVALID, EXIT_NOT_FOUND
from entregent.network import paths
from entregent.people.services import connection_create, person_create
from tests.cli.conftest import _no_account_from_the_environment, cli
from tests.network.paths_world import World, build_world

__all__ = ["_no_account_from_the_environment", "cli"]


@pytest.fixture
def world(alice, monkeypatch: pytest.MonkeyPatch) -> World:
    built = build_world(alice)
    monkeypatch.setattr(paths, "my_ties", lambda *, owner, people=None: dict(built.ties))
    return built


def test_path_to_an_organization_prints_the_chains_explained_and_a_draft(cli, world) -> None:
    result = cli("--user", "alice", "path", "--org", "Acme")
    assert result.exit_code == 0, result.output
    for text in (
        "Who can introduce you to Acme",
        "You → Ana Duarte → Karim Haddad",
        "You know Ana Duarte well (0.80).",
        "Tom Weak and Léa Martin are family.",
        "You already know Karim Haddad (0.05).",
        "Hi Tom,",
    ):
        assert text in result.output, text


def test_path_as_json_matches_the_api_shape(cli, world) -> None:
    result = cli("--user", "alice", "path", "--skill", "product photography", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["target"]["kind"] == "skill"
    assert [p["name"] for p in data["paths"][0]["people"]] == ["Tom Weak", "Zoé Photo"]
    assert data["paths"][0]["draft"]["email"] == "tom@example.org"


def test_path_needs_exactly_one_target(cli, world) -> None:
    result = cli("--user", "alice", "path")
    assert result.exit_code == EXIT_INVALID
    assert "person" in result.output
    both = cli("--user", "alice", "path", "--person", "Ana", "--org", "Acme")
    assert both.exit_code == EXIT_INVALID


def test_path_to_an_unknown_organization_is_not_found(cli, world) -> None:
    result = cli("--user", "alice", "path", "--org", "Initech")
    assert result.exit_code == EXIT_NOT_FOUND
    assert "Initech" in result.output


def test_brokers_lists_the_bridge(cli, alice, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "my_ties", lambda *, owner, people=None: {})
    people = {
        name: person_create(owner=alice, full_name=f"{name} Person", organization=org)
        for name, org in [("A1", "Acme"), ("A2", "Acme"), ("G1", "Globex"), ("G2", "Globex")]
    }
    bridge = person_create(owner=alice, full_name="Bridget Bridge", organization="Acme")
    connection_create(owner=alice, from_person=people["A1"], to_person=people["A2"])
    connection_create(owner=alice, from_person=people["G1"], to_person=people["G2"])
    for person in people.values():
        connection_create(owner=alice, from_person=bridge, to_person=person)
    result = cli("--user", "alice", "brokers", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["items"][0]["person"]["name"] == "Bridget Bridge"
    assert {g["name"] for g in data["items"][0]["groups"]} == {"Acme", "Globex"}
    table = cli("--user", "alice", "brokers")
    assert "Bridget Bridge" in table.output


def test_brokers_with_an_empty_network_says_so(cli, alice, monkeypatch) -> None:
    monkeypatch.setattr(paths, "my_ties", lambda *, owner, people=None: {})
    result = cli("--user", "alice", "brokers")
    assert result.exit_code == 0
    assert "No brokers yet" in result.output
