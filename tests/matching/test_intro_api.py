"""/api/v1/introductions: suggestions, create, list, get with drafts, and each step."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from entregent.accounts.models import User
from entregent.goals.models import Favour
from entregent.matching import synergies
from entregent.people.models import Person
from entregent.people.services import person_create
from tests.api.conftest import api_for
from tests.matching.conftest import Network, add_facts


@pytest.fixture(autouse=True)
def _lexical(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ENTREGENT_SEMANTIC", "0")
    synergies.clear_cache()
    yield
    synergies.clear_cache()


@pytest.fixture
def sam_books(alice: User, network: Network) -> Person:
    add_facts(alice, network.sam, offer=["Bookkeeping and accounting for small studios"])
    return network.sam


def test_suggestions_for_the_network_and_for_a_person(alice, network, sam_books):
    client = api_for(alice)
    everyone = client.get("/introductions/suggestions")
    assert everyone.status_code == 200
    pairs = {(i["person_a"]["id"], i["person_b"]["id"]) for i in everyone.json()["items"]}
    assert (network.dana.pk, network.sam.pk) in pairs
    one = client.get("/introductions/suggestions", person=network.camille.pk, limit=5).json()
    assert one["person"]["id"] == network.camille.pk
    first = one["items"][0]
    assert first["person_b"]["full_name"] == "Sam Ortiz"
    assert first["matched"]
    assert "comptable" in first["need"].lower()


def test_suggestions_for_another_users_person_answer_404(alice, bob, network):
    bobs = person_create(owner=bob, full_name="Bob's friend")
    answer = api_for(alice).get("/introductions/suggestions", person=bobs.pk)
    assert answer.status_code == 404
    assert "person" in answer.json()["errors"]


def test_the_whole_workflow_over_the_api(alice, network, sam_books):
    client = api_for(alice)
    created = client.post(
        "/introductions", {"person_a": network.dana.pk, "person_b": network.sam.pk}
    )
    assert created.status_code == 201, created.json()
    intro = created.json()
    assert intro["status"] == "suggested"
    assert intro["current_step"] == "ask_a"
    assert [d["step"] for d in intro["drafts"]] == ["ask_a", "ask_b", "introduce"]
    assert intro["actions"] == ["ask_a", "answer_a", "cancel"]
    path = f"/introductions/{intro['id']}"
    assert client.post(path + "/ask-a").json()["status"] == "asking_a"
    yes_a = client.post(path + "/answer", {"side": "a", "agreed": True})
    assert yes_a.json()["status"] == "a_agreed"
    assert client.post(path + "/ask-b").json()["status"] == "asking_b"
    assert client.post(path + "/answer", {"side": "b", "agreed": True}).json()["status"] == (
        "b_agreed"
    )
    made = client.post(path + "/make")
    assert made.status_code == 200
    assert made.json()["status"] == "made"
    assert made.json()["made_at"]
    assert Favour.objects.filter(owner=alice, source_id=intro["id"]).count() == 2
    shown = client.get(path).json()
    assert shown["current_step"] == "introduce"
    listed = client.get("/introductions", status="made").json()
    assert [i["id"] for i in listed["items"]] == [intro["id"]]


def test_an_invalid_step_answers_409_naming_the_status(alice, network, sam_books):
    client = api_for(alice)
    intro = client.post(
        "/introductions", {"person_a": network.dana.pk, "person_b": network.sam.pk}
    ).json()
    refused = client.post(f"/introductions/{intro['id']}/make")
    assert refused.status_code == 409
    assert refused.json()["errors"] == {"status": ["suggested"]}
    assert "To ask" in refused.json()["detail"]
    bad = client.post(f"/introductions/{intro['id']}/answer", {"side": "c", "agreed": True})
    assert bad.status_code == 422


def test_cancel_with_and_without_a_note(alice, network, sam_books):
    client = api_for(alice)
    intro = client.post(
        "/introductions", {"person_a": network.dana.pk, "person_b": network.sam.pk}
    ).json()
    cancelled = client.post(f"/introductions/{intro['id']}/cancel", {"note": "Not now."})
    assert cancelled.status_code == 200
    assert cancelled.json()["note"] == "Not now."
    again = client.post(f"/introductions/{intro['id']}/cancel")
    assert again.status_code == 200
    assert again.json()["status"] == "cancelled"


def test_create_refuses_connected_people_and_the_same_person(alice, network):
    client = api_for(alice)
    connected = client.post(
        "/introductions", {"person_a": network.dana.pk, "person_b": network.karen.pk}
    )
    assert connected.status_code == 409
    same = client.post("/introductions", {"person_a": network.dana.pk, "person_b": network.dana.pk})
    assert same.status_code == 422
    assert "person_b" in same.json()["errors"]


def test_dismiss_hides_the_pair_from_suggestions(alice, network, sam_books):
    client = api_for(alice)
    body = {"person_a": network.dana.pk, "person_b": network.sam.pk}
    assert client.post("/introductions/dismiss", body).json()["status"] == "dismissed"
    pairs = {
        (i["person_a"]["id"], i["person_b"]["id"])
        for i in client.get("/introductions/suggestions").json()["items"]
    }
    assert (network.dana.pk, network.sam.pk) not in pairs
    assert client.get("/introductions").json()["count"] == 0


def test_another_users_introduction_answers_404(alice, bob, network, sam_books):
    intro = (
        api_for(alice)
        .post("/introductions", {"person_a": network.dana.pk, "person_b": network.sam.pk})
        .json()
    )
    bob_api = api_for(bob)
    assert bob_api.get(f"/introductions/{intro['id']}").status_code == 404
    assert bob_api.post(f"/introductions/{intro['id']}/ask-a").status_code == 404
    assert bob_api.get("/introductions").json()["count"] == 0
    taken = bob_api.post(
        "/introductions", {"person_a": network.dana.pk, "person_b": network.sam.pk}
    )
    assert taken.status_code == 404
