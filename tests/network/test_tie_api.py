"""API: GET /people/{id}/tie, GET /radar, POST /ties/recompute."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log
from entregent.matching.synergies import clear_cache
from entregent.people.models import Fact, Person
from entregent.people.services import person_create
from tests.api.conftest import alice_api, bob_api

__all__ = ["alice_api", "bob_api"]


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
    Fact.objects.create(owner=alice, person=gone, kind="offer", text="bookkeeping")
    Fact.objects.create(owner=alice, person=None, kind="need", text="comptabilité")
    return {"weak": weak, "gone": gone}


def test_a_persons_tie_lists_the_contributions(alice_api, people):
    response = alice_api.get(f"/people/{people['weak'].pk}/tie")
    assert response.status_code == 200
    data = response.json()
    assert data["person"] == {"id": people["weak"].pk, "full_name": "Wendy Weak"}
    assert [c["name"] for c in data["components"]] == [
        "recency",
        "frequency",
        "duration",
        "depth",
        "reciprocity",
        "mutual",
    ]
    assert sum(c["contribution"] for c in data["components"]) == pytest.approx(
        data["score"], abs=1e-3
    )
    assert data["computed_circle"] == "weak"
    assert data["circle_pinned"] is False


def test_another_users_person_is_not_found(bob_api, people):
    response = bob_api.get(f"/people/{people['weak'].pk}/tie")
    assert response.status_code == 404


def test_the_radar(alice_api, people):
    response = alice_api.get("/radar")
    assert response.status_code == 200
    data = response.json()
    assert data["has_needs"] is True
    assert [t["person"]["full_name"] for t in data["revive"]] == ["Wendy Weak"]
    assert data["revive"][0]["reasons"]
    assert [m["person"]["full_name"] for m in data["dormant"]] == ["Gordon Gone"]


def test_the_radar_refuses_a_bad_limit_naming_it(alice_api, people):
    response = alice_api.get("/radar", limit=0)
    assert response.status_code == 422
    assert "limit" in response.json()["errors"]


def test_bob_never_sees_alices_radar(bob_api, people):
    response = bob_api.get("/radar")
    assert response.status_code == 200
    assert response.json() == {"has_needs": False, "fresh": True, "revive": [], "dormant": []}


def test_recompute_moves_circles(alice_api, people):
    response = alice_api.post("/ties/recompute")
    assert response.status_code == 200
    assert response.json() == {"scored": 2, "circles_changed": 2}
    assert Person.objects.get(pk=people["gone"].pk).circle == "dormant"
    assert Person.objects.get(pk=people["weak"].pk).circle == "weak"


def test_recompute_for_bob_leaves_alices_people_alone(bob_api, people):
    response = bob_api.post("/ties/recompute")
    assert response.json() == {"scored": 0, "circles_changed": 0}
    assert Person.objects.get(pk=people["gone"].pk).circle == "active"
