"""`entregent intro …`: suggest, list, start, ask-a, answer, ask-b, make, cancel, show."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from entregent.accounts.models import User
from entregent.cli.common import EXIT_CONFLICT, EXIT_INVALID, EXIT_NOT_FOUND
from entregent.goals.models import Favour
from entregent.matching import synergies
from entregent.matching.models import Introduction
from tests.cli.conftest import _no_account_from_the_environment, cli
from tests.matching.conftest import Network, add_facts

__all__ = ["_no_account_from_the_environment", "cli"]


@pytest.fixture(autouse=True)
def _lexical(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ENTREGENT_SEMANTIC", "0")
    synergies.clear_cache()
    yield
    synergies.clear_cache()


@pytest.fixture
def books(alice: User, network: Network) -> Network:
    add_facts(alice, network.sam, offer=["Bookkeeping and accounting for small studios"])
    return network


def test_suggest_for_the_network_and_for_a_person(cli, books):
    shown = cli("--user", "alice", "intro", "suggest")
    assert shown.exit_code == 0, shown.output
    assert "Sam Ortiz" in shown.output
    data = json.loads(cli("--user", "alice", "intro", "suggest", "Camille", "--json").output)
    assert data["person"]["full_name"] == "Camille Dubois"
    assert data["items"][0]["person_b"]["full_name"] == "Sam Ortiz"


def test_suggest_for_an_unknown_person_exits_not_found(cli, books):
    result = cli("--user", "alice", "intro", "suggest", "Nobody Here")
    assert result.exit_code == EXIT_NOT_FOUND


def test_the_whole_workflow_from_the_command_line(cli, alice, books):
    started = cli("--user", "alice", "intro", "start", "Camille Dubois", "Sam Ortiz", "--json")
    assert started.exit_code == 0, started.output
    intro = json.loads(started.output)
    assert intro["status"] == "suggested"
    assert intro["drafts"][0]["language"] == "fr"
    number = str(intro["id"])
    shown = cli("--user", "alice", "intro", "show", number)
    assert "Camille Dubois → Sam Ortiz" in shown.output
    assert cli("--user", "alice", "intro", "ask-a", number).exit_code == 0
    yes_a = cli("--user", "alice", "intro", "answer", number, "--a", "oui", "--json")
    assert json.loads(yes_a.output)["status"] == "a_agreed"
    assert cli("--user", "alice", "intro", "ask-b", number).exit_code == 0
    assert cli("--user", "alice", "intro", "answer", number, "--b", "yes").exit_code == 0
    made = cli("--user", "alice", "intro", "make", number)
    assert made.exit_code == 0, made.output
    assert "are introduced" in made.output
    assert Favour.objects.filter(owner=alice, source_id=intro["id"]).count() == 2
    listed = json.loads(cli("--user", "alice", "intro", "list", "--json").output)
    assert [i["status"] for i in listed["items"]] == ["made"]


def test_a_step_out_of_order_exits_with_a_conflict_naming_the_status(cli, books):
    intro = json.loads(cli("--user", "alice", "intro", "start", "Dana", "Sam", "--json").output)
    result = cli("--user", "alice", "intro", "make", str(intro["id"]))
    assert result.exit_code == EXIT_CONFLICT
    assert "To ask" in result.output


def test_answer_needs_one_side_and_a_yes_or_no(cli, books):
    intro = json.loads(cli("--user", "alice", "intro", "start", "Dana", "Sam", "--json").output)
    number = str(intro["id"])
    assert cli("--user", "alice", "intro", "answer", number).exit_code == EXIT_INVALID
    maybe = cli("--user", "alice", "intro", "answer", number, "--a", "maybe")
    assert maybe.exit_code == EXIT_INVALID
    assert "--a" in maybe.output


def test_dismiss_and_cancel(cli, alice, books):
    assert cli("--user", "alice", "intro", "dismiss", "Dana", "Sam").exit_code == 0
    intro = json.loads(cli("--user", "alice", "intro", "start", "Camille", "Sam", "--json").output)
    cancelled = cli("--user", "alice", "intro", "cancel", str(intro["id"]), "--note", "Later")
    assert cancelled.exit_code == 0
    assert Introduction.objects.get(pk=intro["id"]).status == "cancelled"
    assert cli("--user", "alice", "intro", "list", "--json").exit_code == 0


def test_another_users_introduction_is_not_found(cli, bob, books):
    intro = json.loads(cli("--user", "alice", "intro", "start", "Dana", "Sam", "--json").output)
    result = cli("--user", "bob", "intro", "show", str(intro["id"]))
    assert result.exit_code == EXIT_NOT_FOUND
