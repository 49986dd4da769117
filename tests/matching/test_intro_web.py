"""Introductions on the web: the Connect section, the buttons of each step, the page of
one introduction, and the person page's card."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from entregent.accounts.models import User
from entregent.goals.models import Favour
from entregent.matching import synergies
from entregent.matching.intro_services import intro_accept
from entregent.matching.models import Introduction
from entregent.people.models import Person
from entregent.people.services import person_create
from tests.matching.conftest import Network, add_facts

HTMX = {"HX-Request": "true"}


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


def _pair(a: Person, b: Person) -> dict[str, int]:
    return {"person_a": a.pk, "person_b": b.pk}


def test_the_connect_page_loads_the_section(alice_client: Client, network, sam_books):
    page = alice_client.get("/network/").content.decode()
    assert "/matching/introductions/section/" in page
    section = alice_client.get("/matching/introductions/section/", headers=HTMX)
    assert section.status_code == 200
    html = section.content.decode()
    assert "Who to introduce" in html
    assert "Sam Ortiz" in html
    assert "Accept" in html


def test_the_section_takes_bounded_queries(
    alice: User, alice_client: Client, network, sam_books, django_assert_max_num_queries
):
    for other in ("Ana One", "Ben Two", "Cy Three", "Di Four"):
        person = person_create(owner=alice, full_name=other)
        add_facts(alice, person, need=["a bookkeeper for the shop"])
        intro_accept(owner=alice, person_a=person, person_b=network.sam)
    alice_client.get("/matching/introductions/section/", headers=HTMX)
    with django_assert_max_num_queries(16):
        response = alice_client.get("/matching/introductions/section/", headers=HTMX)
    assert response.content.decode().count('class="intro-card"') == 4


def test_accept_then_every_step_to_made_with_htmx(
    alice: User, alice_client: Client, network, sam_books
):
    accepted = alice_client.post(
        "/matching/introductions/accept/", _pair(network.dana, network.sam), headers=HTMX
    )
    assert accepted.status_code == 200
    intro = Introduction.objects.get(owner=alice)
    assert f'id="intro-{intro.pk}"' in accepted.content.decode()
    base = f"/matching/introductions/{intro.pk}/"
    for action, data, status in (
        ("ask-a", {}, "asking_a"),
        ("answer", {"side": "a", "agreed": "yes"}, "a_agreed"),
        ("ask-b", {}, "asking_b"),
        ("answer", {"side": "b", "agreed": "yes"}, "b_agreed"),
        ("make", {}, "made"),
    ):
        response = alice_client.post(base + action + "/", data, headers=HTMX)
        assert response.status_code == 200, response.content
        intro.refresh_from_db()
        assert intro.status == status
    assert "are now connected" in response.content.decode()
    assert Favour.objects.filter(owner=alice, source_id=intro.pk).count() == 2


def test_a_step_out_of_order_shows_the_refusal_in_the_card(
    alice: User, alice_client: Client, network, sam_books
):
    intro = intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    response = alice_client.post(f"/matching/introductions/{intro.pk}/make/", headers=HTMX)
    assert response.status_code == 422
    assert "To ask" in response.content.decode()
    bad = alice_client.post(
        f"/matching/introductions/{intro.pk}/answer/",
        {"side": "a", "agreed": "maybe"},
        headers=HTMX,
    )
    assert bad.status_code == 422
    unknown = alice_client.post(f"/matching/introductions/{intro.pk}/fly/")
    assert unknown.status_code == 404


def test_without_htmx_accept_and_steps_land_on_the_introduction_page(
    alice: User, alice_client: Client, network, sam_books
):
    accepted = alice_client.post(
        "/matching/introductions/accept/", _pair(network.dana, network.sam)
    )
    intro = Introduction.objects.get(owner=alice)
    assert accepted.status_code == 302
    assert accepted["Location"] == f"/matching/introductions/{intro.pk}/"
    asked = alice_client.post(f"/matching/introductions/{intro.pk}/ask-a/")
    assert asked.status_code == 302
    page = alice_client.get(f"/matching/introductions/{intro.pk}/").content.decode()
    assert "Asking Dana" in page or "Asking" in page
    assert "The introduction, to both" in page
    assert "mailto:" in page


def test_dismiss_hides_the_suggestion(alice: User, alice_client: Client, network, sam_books):
    response = alice_client.post(
        "/matching/introductions/dismiss/", _pair(network.dana, network.sam), headers=HTMX
    )
    assert response.status_code == 200
    assert Introduction.objects.get(owner=alice).status == "dismissed"


def test_accepting_connected_people_shows_why(alice_client: Client, network):
    response = alice_client.post(
        "/matching/introductions/accept/", _pair(network.dana, network.karen), headers=HTMX
    )
    assert response.status_code == 422
    assert "already know each other" in response.content.decode()


def test_the_person_page_card(alice: User, alice_client: Client, network, sam_books):
    page = alice_client.get(f"/people/{network.sam.pk}/").content.decode()
    assert f"/matching/people/{network.sam.pk}/introductions/" in page
    intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    card = alice_client.get(
        f"/matching/people/{network.sam.pk}/introductions/", headers=HTMX
    ).content.decode()
    assert "With Dana" in card
    assert "Camille Dubois" in card  # could meet: Camille needs un comptable


def test_another_users_introduction_and_people_are_not_found(
    alice: User, bob: User, bob_client: Client, network, sam_books
):
    intro = intro_accept(owner=alice, person_a=network.dana, person_b=network.sam)
    assert bob_client.get(f"/matching/introductions/{intro.pk}/").status_code == 404
    assert bob_client.post(f"/matching/introductions/{intro.pk}/ask-a/").status_code == 404
    taken = bob_client.post(
        "/matching/introductions/accept/", _pair(network.camille, network.sam), headers=HTMX
    )
    assert taken.status_code == 422
    assert not Introduction.objects.filter(owner=bob).exists()
    assert bob_client.get(f"/matching/people/{network.sam.pk}/introductions/").status_code == 404
