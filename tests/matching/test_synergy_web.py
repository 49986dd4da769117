"""The Connect page's synergies section, "share this" and the person page's ways to help."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from entregent.accounts.models import User
from entregent.followups.models import FollowUp
from entregent.matching import synergies
from entregent.people.services import fact_create, person_create
from tests.matching.conftest import Network

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _lexical(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ENTREGENT_SEMANTIC", "0")
    synergies.clear_cache()
    synergies.semantic_scorer.cache_clear()
    yield
    synergies.clear_cache()
    synergies.semantic_scorer.cache_clear()


def test_the_connect_page_loads_the_section(alice_client: Client, network: Network):
    page = alice_client.get("/network/").content.decode()
    assert 'hx-get="/matching/synergies/"' in page
    section = alice_client.get("/matching/synergies/", headers=HTMX)
    assert section.status_code == 200
    html = section.content.decode()
    assert "<html" not in html
    for text in (
        "Ways to help",
        "Camille Dubois needs un comptable; you offer bookkeeping for creative freelancers.",
        "comptable ~ bookkeeping",
        "Who can help you",
        "Karen Lee",
        "Share this",
        'for="id_url"',
    ):
        assert text in html, text


def test_who_can_help_with_a_typed_need(alice_client: Client, network: Network):
    response = alice_client.get(
        "/matching/synergies/who-can-help/", {"need": "un graphiste ou des photos de produits"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dana Whitfield" in html
    assert "Karen Lee" in html
    too_long = alice_client.get("/matching/synergies/who-can-help/", {"need": "x" * 501})
    assert too_long.status_code == 422
    assert "errorlist" in too_long.content.decode()


def test_share_this_then_plan_follow_ups_in_one_click(
    alice_client: Client, alice: User, network: Network
):
    article = {
        "url": "https://example.org/marathon",
        "title": "Marathon season",
        "text": "Running your first marathon: training plans.",
    }
    response = alice_client.post("/matching/share/", article, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dana Whitfield" in html
    assert f'value="{network.dana.pk}"' in html
    planned = alice_client.post(
        "/matching/share/followups/",
        {"url": article["url"], "title": article["title"], "people": [network.dana.pk]},
        headers=HTMX,
    )
    assert planned.status_code == 200
    assert "Share follow-up planned for today" in planned.content.decode()
    followup = FollowUp.objects.get(owner=alice, kind="share")
    assert followup.topic == "Marathon season — https://example.org/marathon"
    again = alice_client.post(
        "/matching/share/followups/",
        {"url": article["url"], "title": article["title"], "people": [network.dana.pk]},
        headers=HTMX,
    )
    assert "Already planned" in again.content.decode()
    assert FollowUp.objects.filter(owner=alice, kind="share").count() == 1
    shown = alice_client.post("/matching/share/", article, headers=HTMX).content.decode()
    assert "Already planned" in shown


def test_share_bad_input_is_shown_not_a_500(alice_client: Client, network: Network):
    empty = alice_client.post("/matching/share/", {}, headers=HTMX)
    assert empty.status_code == 422
    assert "errorlist" in empty.content.decode()
    bad = alice_client.post("/matching/share/", {"url": "javascript:alert(1)"}, headers=HTMX)
    assert bad.status_code == 422
    nobody = alice_client.post(
        "/matching/share/followups/", {"url": "https://example.org/a"}, headers=HTMX
    )
    assert nobody.status_code == 422
    assert "Choose at least one person." in nobody.content.decode()


def test_bob_cannot_share_with_alices_people(bob_client: Client, network: Network):
    response = bob_client.post(
        "/matching/share/followups/",
        {"url": "https://example.org/a", "people": [network.dana.pk]},
    )
    assert response.status_code == 404
    assert not FollowUp.objects.filter(kind="share").exists()
    section = bob_client.get("/matching/synergies/").content.decode()
    assert "Dana" not in section
    assert "Camille" not in section


def test_the_person_page_loads_ways_to_help(alice_client: Client, network: Network):
    page = alice_client.get(f"/people/{network.dana.pk}/").content.decode()
    assert f'hx-get="/matching/people/{network.dana.pk}/synergies/"' in page
    html = alice_client.get(
        f"/matching/people/{network.dana.pk}/synergies/", headers=HTMX
    ).content.decode()
    assert "They need “a bookkeeper for her studio”" in html
    assert "They offer “Product photography”" in html


def test_the_section_reads_a_bounded_number_of_rows(
    alice_client: Client, alice: User, network: Network, django_assert_max_num_queries
):
    for number in range(25):
        person = person_create(owner=alice, full_name=f"Helper {number}")
        fact_create(owner=alice, person=person, kind="offer", text="product photography")
        fact_create(owner=alice, person=person, kind="need", text="bookkeeping help")
    with django_assert_max_num_queries(10):
        assert alice_client.get("/matching/synergies/", headers=HTMX).status_code == 200
