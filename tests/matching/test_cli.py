"""`entregent brief` and `entregent common-ground`."""

from __future__ import annotations

import json

from entregent.accounts.models import User
from entregent.cli.common import EXIT_INVALID, EXIT_NOT_FOUND
from entregent.people.services import person_create
from tests.cli.conftest import _no_account_from_the_environment, cli
from tests.matching.conftest import Network

__all__ = ["_no_account_from_the_environment", "cli"]


def test_brief_prints_questions_ground_facts_and_encounters(cli, network: Network):
    result = cli("--user", "alice", "brief", "Dana")
    assert result.exit_code == 0, result.output
    for text in (
        "Before you meet Dana Whitfield",
        "1. What has been the hardest part of launching a ceramics line so far?",
        "You both know Karen Lee.",
        "Launching a ceramics line",
        "Design Meetup",
    ):
        assert text in result.output, text


def test_brief_as_json_matches_the_api(cli, network: Network):
    result = cli("--user", "alice", "brief", str(network.camille.pk), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["language"] == "fr"
    assert data["person"]["full_name"] == "Camille Dubois"
    assert len(data["questions"]) == 3
    assert data["common_ground"][0]["kind"] == "complement"


def test_an_ambiguous_name_lists_the_candidates(cli, alice: User, network: Network):
    person_create(owner=alice, full_name="Dana Kowalski")
    result = cli("--user", "alice", "brief", "Dana")
    assert result.exit_code == EXIT_INVALID
    assert "Dana Whitfield" in result.output
    assert "Dana Kowalski" in result.output


def test_an_unknown_name_is_not_found(cli, network: Network):
    result = cli("--user", "alice", "brief", "Nobody Atall")
    assert result.exit_code == EXIT_NOT_FOUND
    assert "Nobody Atall" in result.output


def test_common_ground_with_me_and_between_two_people(cli, network: Network):
    mine = cli("--user", "alice", "common-ground", "Dana")
    assert mine.exit_code == 0, mine.output
    assert "You and Dana Whitfield" in mine.output
    assert "Sam Ortiz introduced you to Dana Whitfield." in mine.output
    between = cli("--user", "alice", "common-ground", "Dana", "Karen", "--json")
    data = json.loads(between.output)
    assert data["other"]["full_name"] == "Karen Lee"
    assert [i["kind"] for i in data["items"]] == ["direct", "event", "city"]


def test_common_ground_refuses_the_same_person_twice(cli, network: Network):
    result = cli("--user", "alice", "common-ground", "Dana", "Dana Whitfield")
    assert result.exit_code == EXIT_INVALID
    assert "OTHER" in result.output


def test_common_ground_with_nothing_says_so(cli, alice: User):
    person_create(owner=alice, full_name="Stranger Danger")
    result = cli("--user", "alice", "common-ground", "Stranger")
    assert result.exit_code == 0
    assert "Nothing in common recorded yet." in result.output


def test_bob_cannot_brief_alices_people(cli, bob: User, network: Network):
    result = cli("--user", "bob", "brief", str(network.dana.pk))
    assert result.exit_code == EXIT_NOT_FOUND
    assert "Dana" not in result.output
