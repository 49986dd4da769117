"""`entregent match` and `entregent share`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from entregent.accounts.models import User
from entregent.cli.common import EXIT_INVALID, EXIT_NOT_FOUND
from entregent.followups.models import FollowUp
from entregent.matching import synergies
from tests.cli.conftest import _no_account_from_the_environment, cli
from tests.matching.conftest import Network

__all__ = ["_no_account_from_the_environment", "cli"]


@pytest.fixture(autouse=True)
def _lexical(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ENTREGENT_SEMANTIC", "0")
    synergies.clear_cache()
    synergies.semantic_scorer.cache_clear()
    yield
    synergies.clear_cache()
    synergies.semantic_scorer.cache_clear()


def test_match_shows_ways_to_help_and_who_can_help(cli, network: Network):
    result = cli("--user", "alice", "match")
    assert result.exit_code == 0, result.output
    for text in ("Ways to help", "Camille Dubois", "Who can help you", "Karen Lee"):
        assert text in result.output, text


def test_match_as_json_each_way_and_for_a_need(cli, network: Network):
    them = json.loads(cli("--user", "alice", "match", "--help-them", "--json").output)
    assert list(them) == ["ways_to_help"]
    assert them["ways_to_help"]["items"][0]["person"]["full_name"] == "Camille Dubois"
    me = json.loads(cli("--user", "alice", "match", "--help-me", "--json").output)
    assert list(me) == ["who_can_help"]
    need = cli("--user", "alice", "match", "--need", "photographe produit", "--json")
    assert need.exit_code == 0, need.output
    data = json.loads(need.output)
    assert {i["person"]["id"] for i in data["items"]} == {network.dana.pk, network.karen.pk}


def test_match_refuses_two_modes_and_an_empty_need(cli, network: Network):
    both = cli("--user", "alice", "match", "--help-them", "--need", "logo")
    assert both.exit_code == EXIT_INVALID
    empty = cli("--user", "alice", "match", "--need", " ")
    assert empty.exit_code == EXIT_INVALID
    assert "need" in empty.output


def test_share_suggests_then_creates_once(cli, alice: User, network: Network, tmp_path: Path):
    article = tmp_path / "article.txt"
    article.write_text("Training for your first marathon: running plans and recovery.")
    url = "https://example.org/first-marathon"
    shown = cli("--user", "alice", "share", "--url", url, "--file", str(article))
    assert shown.exit_code == 0, shown.output
    assert "Dana Whitfield" in shown.output
    created = cli("--user", "alice", "share", "--url", url, "--create", "Dana", "--json")
    assert created.exit_code == 0, created.output
    assert json.loads(created.output)["created"][0]["topic"] == url
    again = cli("--user", "alice", "share", "--url", url, "--create", str(network.dana.pk))
    assert again.exit_code == 0, again.output
    assert "Already planned" in again.output
    assert FollowUp.objects.filter(owner=alice, kind="share").count() == 1


def test_share_bad_input(cli, network: Network, tmp_path: Path):
    assert cli("--user", "alice", "share").exit_code == EXIT_INVALID
    assert cli("--user", "alice", "share", "--url", "nope").exit_code == EXIT_INVALID
    missing = cli("--user", "alice", "share", "--file", str(tmp_path / "missing.txt"))
    assert missing.exit_code == EXIT_INVALID
    nobody = cli("--user", "alice", "share", "--url", "https://e.org/a", "--create", "Nobody")
    assert nobody.exit_code == EXIT_NOT_FOUND
