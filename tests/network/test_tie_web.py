"""The person page's tie-strength card and the Connect page's weak-tie radar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log
from entregent.matching.synergies import clear_cache
from entregent.people.models import Fact, Person
from entregent.people.services import person_create


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


def test_the_person_page_loads_the_tie_card(alice_client: Client, people):
    page = alice_client.get(reverse("people:detail", args=[people["weak"].pk]))
    assert reverse("network:tie_card", args=[people["weak"].pk]) in page.content.decode()


def test_the_tie_card_shows_the_score_circle_and_contributions(alice_client: Client, people):
    response = alice_client.get(reverse("network:tie_card", args=[people["weak"].pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("Tie strength", "<meter", "Recency", "Mutual connections", "follows the score"):
        assert text in body, text


def test_the_tie_card_says_when_the_circle_is_pinned(alice_client: Client, people):
    Person.objects.filter(pk=people["weak"].pk).update(circle="inner", circle_pinned=True)
    body = alice_client.get(reverse("network:tie_card", args=[people["weak"].pk])).content
    assert "pinned by you (the score says Weak)" in body.decode()


def test_bob_gets_404_for_alices_tie_card(bob_client: Client, people):
    response = bob_client.get(reverse("network:tie_card", args=[people["weak"].pk]))
    assert response.status_code == 404


def test_the_connect_page_loads_the_radar(alice_client: Client, people):
    page = alice_client.get(reverse("network:connect"))
    assert reverse("network:radar") in page.content.decode()


def test_the_radar_lists_both_kinds_of_ties(alice_client: Client, people):
    response = alice_client.get(reverse("network:radar"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Wendy Weak" in body
    assert "Gordon Gone" in body
    assert "Last meaningful exchange" in body


def test_the_radar_uses_a_bounded_number_of_queries(
    alice: User, alice_client: Client, people, django_assert_max_num_queries
):
    alice_client.get(reverse("network:radar"))
    for i in range(20):
        person = person_create(owner=alice, full_name=f"Weak {i}")
        encounter_log(owner=alice, participants=[person], occurred_at=_ago(150), channel="call")
        encounter_log(owner=alice, participants=[person], occurred_at=_ago(400), channel="call")
    with django_assert_max_num_queries(16):
        response = alice_client.get(reverse("network:radar"))
    assert response.content.decode().count("Weak ") >= 5


def test_recompute_from_the_radar_moves_circles(alice_client: Client, people):
    response = alice_client.post(reverse("network:ties_recompute"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="radar"' in response.content.decode()
    assert Person.objects.get(pk=people["gone"].pk).circle == "dormant"


def test_recompute_without_htmx_goes_back_to_connect(alice_client: Client, people):
    response = alice_client.post(reverse("network:ties_recompute"))
    assert response.status_code == 302
    assert response["Location"] == reverse("network:connect")


def test_recompute_needs_a_post(alice_client: Client, people):
    assert alice_client.get(reverse("network:ties_recompute")).status_code == 405


def test_bobs_radar_shows_none_of_alices_people(bob_client: Client, people):
    body = bob_client.get(reverse("network:radar")).content.decode()
    assert "Wendy Weak" not in body
    assert "Gordon Gone" not in body
