"""The weak-tie radar: moderately weak ties to revive, dormant ties that meet my needs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log
from entregent.matching.synergies import clear_cache
from entregent.network.models import TieStrength
from entregent.network.radar import dormant_ties_for_my_needs, radar, weak_ties_to_revive
from entregent.network.services import tie_recompute
from entregent.people.models import Fact, Person
from entregent.people.services import person_create

NOW = timezone.now()


def _ago(days: int) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


@pytest.fixture(autouse=True)
def _fresh_index():
    clear_cache()
    yield
    clear_cache()


def _met(owner: User, person: Person, *days_ago: int) -> None:
    for days in days_ago:
        encounter_log(owner=owner, participants=[person], occurred_at=_ago(days), channel="call")


@pytest.fixture
def network(alice: User) -> dict[str, Person]:
    people = {
        "close": person_create(owner=alice, full_name="Close Friend"),
        "weak": person_create(owner=alice, full_name="Weak Tie"),
        "recent": person_create(owner=alice, full_name="Seen Last Week"),
        "gone": person_create(owner=alice, full_name="Long Gone Designer"),
    }
    _met(alice, people["close"], 2, 20, 40, 60, 90, 120, 150, 200)
    _met(alice, people["weak"], 150, 400)
    _met(alice, people["recent"], 7)
    _met(alice, people["gone"], 2000)
    Fact.objects.create(
        owner=alice, person=people["gone"], kind="offer", text="product photography"
    )
    Fact.objects.create(owner=alice, person=None, kind="need", text="photos de produits")
    tie_recompute(owner=alice, apply_circles=True, now=NOW)
    return people


def test_weak_ties_silent_for_a_while_are_worth_reviving(alice, network):
    revive = weak_ties_to_revive(owner=alice, now=NOW)
    names = [tie.name for tie in revive]
    assert names == ["Weak Tie"]
    tie = revive[0]
    assert 0.2 <= tie.score < 0.4
    assert tie.priority > 0
    assert any("month" in reason for reason in tie.reasons)


def test_a_weak_tie_pinned_to_another_circle_is_left_out(alice, network):
    Person.objects.filter(pk=network["weak"].pk).update(circle="inner", circle_pinned=True)
    assert weak_ties_to_revive(owner=alice, now=NOW) == []


def test_dormant_ties_whose_offers_meet_my_needs(alice, network):
    found = dormant_ties_for_my_needs(owner=alice)
    assert [m.name for m in found] == ["Long Gone Designer"]
    assert found[0].offer == "product photography"
    assert found[0].need == "photos de produits"
    assert "Long Gone Designer" in found[0].sentence


def test_an_active_tie_with_the_offer_is_not_on_the_dormant_list(alice, network):
    Fact.objects.create(
        owner=alice, person=network["close"], kind="offer", text="product photography"
    )
    assert [m.name for m in dormant_ties_for_my_needs(owner=alice)] == ["Long Gone Designer"]


def test_without_needs_there_is_no_dormant_list(alice, network):
    Fact.objects.filter(owner=alice, person=None).delete()
    result = radar(owner=alice, now=NOW)
    assert result.has_needs is False
    assert result.dormant == []
    assert [t.name for t in result.revive] == ["Weak Tie"]


def test_the_radar_recomputes_stale_scores(alice, network):
    TieStrength.objects.filter(owner=alice).update(score=0.3, computed_at=_ago(3))
    result = radar(owner=alice, now=NOW)
    assert [t.name for t in result.revive] == ["Weak Tie"]
    assert TieStrength.objects.filter(owner=alice, computed_at__lt=_ago(1)).count() == 0


def test_bobs_people_never_appear_on_alices_radar(alice, bob, network):
    bobs = person_create(owner=bob, full_name="Bob's Weak Tie")
    _met(bob, bobs, 150, 400)
    Fact.objects.create(owner=bob, person=bobs, kind="offer", text="product photography")
    Fact.objects.create(owner=bob, person=None, kind="need", text="product photos")
    tie_recompute(owner=bob, apply_circles=True, now=NOW)
    result = radar(owner=alice, now=NOW)
    names = {t.name for t in result.revive} | {m.name for m in result.dormant}
    assert "Bob's Weak Tie" not in names
    bob_result = radar(owner=bob, now=NOW)
    assert {t.name for t in bob_result.revive} == {"Bob's Weak Tie"}
    assert bob_result.dormant == []


def test_stale_scores_of_a_large_network_are_flagged_not_recomputed(alice, network, monkeypatch):
    from entregent.network import services

    monkeypatch.setattr(services, "LAZY_LIMIT", 1)
    TieStrength.objects.filter(owner=alice).update(computed_at=_ago(3))
    result = radar(owner=alice, now=NOW)
    assert result.fresh is False
    assert TieStrength.objects.filter(owner=alice, computed_at__lt=_ago(1)).count() == 4
