"""GET /synergies/ways-to-help, /synergies/who-can-help, /people/{id}/synergies;
POST /share and /share/followups."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from entregent.accounts.models import User
from entregent.followups.models import FollowUp
from entregent.matching import synergies
from tests.api.conftest import api_for
from tests.matching.conftest import Network


@pytest.fixture(autouse=True)
def _lexical(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ENTREGENT_SEMANTIC", "0")
    synergies.clear_cache()
    synergies.semantic_scorer.cache_clear()
    yield
    synergies.clear_cache()
    synergies.semantic_scorer.cache_clear()


def test_ways_to_help_and_who_can_help(alice: User, network: Network):
    client = api_for(alice)
    helping = client.get("/synergies/ways-to-help")
    assert helping.status_code == 200
    data = helping.json()
    assert data["count"] == 2
    first = data["items"][0]
    assert first["person"]["full_name"] == "Camille Dubois"
    assert first["matches"][0]["matched"] == ["comptable ~ bookkeeping"]
    asked = client.get("/synergies/who-can-help", need="logo ou photos de produits").json()
    assert asked["need"] == "logo ou photos de produits"
    assert {i["person"]["id"] for i in asked["items"]} == {network.dana.pk, network.karen.pk}
    mine = client.get("/synergies/who-can-help", limit=1).json()
    assert mine["need"] is None
    assert mine["count"] == 1


def test_bad_queries_answer_422_naming_the_field(alice: User, network: Network):
    client = api_for(alice)
    empty = client.get("/synergies/who-can-help", need=" ")
    assert empty.status_code == 422
    assert "need" in empty.json()["errors"]
    assert client.get("/synergies/ways-to-help", limit=0).status_code == 422
    assert client.get("/synergies/who-can-help", need="x" * 501).status_code == 422


def test_bob_sees_none_of_alices_synergies(alice: User, bob: User, network: Network):
    client = api_for(bob)
    assert client.get("/synergies/who-can-help", need="product photography").json()["items"] == []
    assert client.get(f"/people/{network.dana.pk}/synergies").status_code == 404
    answer = client.post("/share", {"text": "running marathons and sourdough bread"})
    assert answer.json()["items"] == []


def test_a_persons_synergies(alice: User, network: Network):
    data = api_for(alice).get(f"/people/{network.dana.pk}/synergies").json()
    assert [m["need"] for m in data["i_can_help"]] == ["a bookkeeper for her studio"]
    assert [m["offer"] for m in data["they_can_help"]] == ["Product photography"]


def test_share_suggests_then_plans_follow_ups_once(alice: User, bob: User, network: Network):
    client = api_for(alice)
    body = {
        "url": "https://example.org/marathon-training",
        "title": "Marathon training for busy people",
        "text": "A plan for running your first marathon while working full time.",
    }
    suggested = client.post("/share", body)
    assert suggested.status_code == 200
    data = suggested.json()
    assert (
        data["topic"] == "Marathon training for busy people — https://example.org/marathon-training"
    )
    dana = next(i for i in data["items"] if i["person"]["id"] == network.dana.pk)
    assert dana["reasons"][0]["kind"] == "interest"
    assert dana["planned"] is False
    planned = client.post("/share/followups", {**body, "people": [network.dana.pk]})
    assert planned.status_code == 201
    assert [f["person_id"] for f in planned.json()["created"]] == [network.dana.pk]
    assert planned.json()["created"][0]["kind"] == "share"
    again = client.post("/share/followups", {**body, "people": [network.dana.pk]}).json()
    assert again["created"] == []
    assert len(again["existing"]) == 1
    assert client.post("/share", body).json()["items"][0]["planned"] is True
    # Bob cannot plan anything for Alice's people.
    refused = api_for(bob).post("/share/followups", {**body, "people": [network.dana.pk]})
    assert refused.status_code == 404
    assert FollowUp.objects.filter(kind="share").count() == 1


def test_share_refuses_bad_input(alice: User, network: Network):
    client = api_for(alice)
    nothing = client.post("/share", {})
    assert nothing.status_code == 422
    assert "text" in nothing.json()["errors"]
    bad_url = client.post("/share", {"url": "javascript:alert(1)"})
    assert bad_url.status_code == 422
    assert "url" in bad_url.json()["errors"]
    nobody = client.post("/share/followups", {"people": [], "url": "https://example.org"})
    assert nobody.status_code == 422
    assert "people" in nobody.json()["errors"]
