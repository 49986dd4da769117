"""Search stops counting at the cap and says so, instead of showing a wrong exact number."""

from __future__ import annotations

import pytest
from django.test import Client

from entregent.accounts.models import User
from entregent.people.services import person_create


@pytest.fixture
def twelve_danas(alice: User) -> None:
    for n in range(12):
        person_create(owner=alice, full_name=f"Dana Number{n}")


def test_a_capped_search_says_more_than(alice_client: Client, twelve_danas: None, settings) -> None:
    settings.ENTREGENT_SEARCH_RESULT_CAP = 10
    for url in ("/people/?q=dana", "/search/?q=dana"):
        body = alice_client.get(url).content.decode()
        assert "More than 10 people" in body, url


def test_an_uncapped_search_gives_the_exact_count(
    alice_client: Client, twelve_danas: None, settings
) -> None:
    settings.ENTREGENT_SEARCH_RESULT_CAP = 100
    body = alice_client.get("/people/?q=dana").content.decode()
    assert "12 people" in body
    assert "More than" not in body


def test_the_plain_list_is_never_called_capped(
    alice_client: Client, twelve_danas: None, settings
) -> None:
    settings.ENTREGENT_SEARCH_RESULT_CAP = 10
    body = alice_client.get("/people/").content.decode()
    assert "12 people" in body
