"""The Connect page's introduction paths and brokers (htmx fragments)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from entregent.network import paths
from tests.network.paths_world import World, build_world


@pytest.fixture
def world(alice, monkeypatch: pytest.MonkeyPatch) -> World:
    built = build_world(alice)
    monkeypatch.setattr(paths, "my_ties", lambda *, owner, people=None: dict(built.ties))
    return built


def test_the_connect_page_loads_the_paths_section(alice_client) -> None:
    page = alice_client.get(reverse("network:connect"))
    assert page.status_code == 200
    assert reverse("network:paths") in page.content.decode()


def test_the_section_has_the_form_and_loads_brokers(alice_client, world) -> None:
    html = alice_client.get(reverse("network:paths")).content.decode()
    assert 'name="kind"' in html
    assert 'name="q"' in html
    assert '<option value="Acme">' in html
    assert reverse("network:brokers") in html


def test_paths_to_an_organization_are_shown_with_steps_and_a_draft(alice_client, world) -> None:
    response = alice_client.get(reverse("network:paths_results"), {"kind": "org", "q": "Acme"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Paths to Acme" in html
    assert "Ana Duarte" in html
    assert "You know Ana Duarte well (0.80)." in html
    assert "Tom Weak and Léa Martin are family." in html
    assert "mailto:tom@example.org" in html


def test_bad_or_unknown_input_is_said_in_the_section(alice_client, world) -> None:
    url = reverse("network:paths_results")
    assert "Type a name" in alice_client.get(url, {"kind": "org", "q": ""}).content.decode()
    unknown = alice_client.get(url, {"kind": "org", "q": "Initech"})
    assert unknown.status_code == 200
    assert "No organization matches" in unknown.content.decode()
    assert "Choose whom" in alice_client.get(url, {"kind": "planet", "q": "x"}).content.decode()


def test_bob_sees_none_of_alices_people(bob_client, world) -> None:
    html = bob_client.get(
        reverse("network:paths_results"), {"kind": "person", "q": str(world.lea.pk)}
    ).content.decode()
    assert "Léa" not in html
    assert "Ana Duarte" not in bob_client.get(reverse("network:brokers")).content.decode()


def test_brokers_fragment(alice_client, world) -> None:
    response = alice_client.get(reverse("network:brokers"))
    assert response.status_code == 200
    assert "Brokers" in response.content.decode()


def test_the_results_query_count_is_bounded(alice_client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        alice_client.get(reverse("network:paths_results"), {"kind": "org", "q": "Acme"})
