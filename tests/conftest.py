"""Shared fixtures: three standing users (alice, bob, charlie) so permission tests read alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import translation

from entregent.accounts.models import User
from entregent.accounts.services import user_create
from entregent.encounters.models import Event
from entregent.encounters.services import event_create
from entregent.people.models import Person
from entregent.people.services import person_create

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Every test creates accounts; the real hasher's deliberate slowness is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alice(db) -> User:
    return user_create(username="alice", password=PASSWORD)


@pytest.fixture
def bob(db) -> User:
    return user_create(username="bob", password=PASSWORD)


@pytest.fixture
def charlie(db) -> User:
    return user_create(username="charlie", password=PASSWORD, language="fr")


@pytest.fixture
def alice_client(alice: User) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob: User) -> Client:
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def dana(alice: User) -> Person:
    """Alice met Dana in the coffee line: a graphic designer who shoots product photos."""
    return person_create(
        owner=alice,
        full_name="Dana Whitfield",
        headline="Graphic designer",
        organization="Blue Bottle Studio",
        emails=["dana@example.org"],
        tags=["design"],
    )


@pytest.fixture
def meetup(alice: User) -> Event:
    return event_create(
        owner=alice, name="Design Meetup", date=dt.date(2026, 11, 3), kind="meetup", size=40
    )


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """A test that switches to French must not leave French active for the next one."""
    translation.activate("en")
    yield
    translation.deactivate()
