"""The person page shows when we last talked and when to check in next; talking moves it."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.services import encounter_log
from entregent.people.models import Person
from entregent.people.services import person_update


def test_the_page_says_not_yet_before_any_encounter(alice_client: Client, dana: Person) -> None:
    body = alice_client.get(f"/people/{dana.pk}/").content.decode()
    assert 'id="last-talked">Not yet<' in body


def test_a_call_moves_the_next_check_in_shown_on_the_page(
    alice: User, alice_client: Client, dana: Person
) -> None:
    person_update(person=dana, cadence_days=30)
    when = timezone.now() - dt.timedelta(days=2)
    encounter_log(owner=alice, participants=[dana], occurred_at=when, channel="call")
    dana.refresh_from_db()
    assert dana.next_check_in == when.date() + dt.timedelta(days=30)
    body = alice_client.get(f"/people/{dana.pk}/").content.decode()
    assert 'id="next-check-in"' in body
    assert 'id="last-talked">Not yet<' not in body
