"""`entregent ties` and `entregent radar`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from entregent.accounts.models import User
from entregent.cli.common import EXIT_NOT_FOUND
from entregent.encounters.services import encounter_log
from entregent.matching.synergies import clear_cache
from entregent.people.models import Fact, Person
from entregent.people.services import person_create
from tests.cli.conftest import _no_account_from_the_environment, as_alice, as_bob, cli

__all__ = ["_no_account_from_the_environment", "as_alice", "as_bob", "cli"]


def _ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture(autouse=True)
def _fresh_index():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def people(alice: User) -> dict[str, Person]:
    weak = person_create(owner=alice, full_name="Wendy Weak")
    gone = person_create(owner=alice, full_name="Gordon Gone")
    for days in (150, 400):
        encounter_log(owner=alice, participants=[weak], occurred_at=_ago(days), channel="call")
    encounter_log(owner=alice, participants=[gone], occurred_at=_ago(2000))
    Fact.objects.create(owner=alice, person=gone, kind="offer", text="bookkeeping for freelancers")
    Fact.objects.create(owner=alice, person=None, kind="need", text="comptabilité")
    return {"weak": weak, "gone": gone}


def test_ties_for_one_person_shows_the_contributions(as_alice, people):
    result = as_alice("ties", "Wendy Weak")
    assert result.exit_code == 0, result.output
    for text in ("Wendy Weak", "Recency", "Frequency", "Mutual connections", "follows the score"):
        assert text in result.output, text


def test_ties_as_json_adds_up(as_alice, people):
    result = as_alice("ties", str(people["weak"].pk), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["person"]["full_name"] == "Wendy Weak"
    total = sum(c["contribution"] for c in data["components"])
    assert total == pytest.approx(data["score"], abs=1e-3)
    assert data["computed_circle"] == "weak"


def test_ties_recompute_moves_circles_and_shows_the_distribution(as_alice, people):
    result = as_alice("ties", "--recompute", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["recomputed"]["scored"] == 2
    circles = {line["circle"]: line["people"] for line in data["circles"]}
    assert circles == {"inner": 0, "active": 0, "weak": 1, "dormant": 1}
    text = as_alice("ties")
    assert "Mean tie strength" in text.output


def test_ties_for_someone_unknown_is_not_found(as_alice, people):
    result = as_alice("ties", "Nobody Here")
    assert result.exit_code == EXIT_NOT_FOUND


def test_ties_never_shows_another_users_person(as_bob, people):
    result = as_bob("ties", str(people["weak"].pk))
    assert result.exit_code == EXIT_NOT_FOUND


def test_radar_lists_weak_ties_and_dormant_help(as_alice, people):
    result = as_alice("radar")
    assert result.exit_code == 0, result.output
    assert "Wendy Weak" in result.output
    assert "Gordon Gone" in result.output
    data = json.loads(as_alice("radar", "--json").output)
    assert [t["person"]["full_name"] for t in data["revive"]] == ["Wendy Weak"]
    assert [m["person"]["full_name"] for m in data["dormant"]] == ["Gordon Gone"]


def test_radar_for_bob_is_empty(as_bob, people):
    data = json.loads(as_bob("radar", "--json").output)
    assert data == {"has_needs": False, "fresh": True, "revive": [], "dormant": []}
