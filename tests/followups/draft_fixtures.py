"""A follow-up worth drafting: Alice met Dana at the Design Meetup yesterday; Dana needs
product photos and Alice offers product photography."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.models import Event
from entregent.encounters.services import encounter_log
from entregent.followups.models import FollowUp
from entregent.followups.services import followup_create
from entregent.people.models import Person
from entregent.people.services import fact_create


@pytest.fixture
def drafted(alice: User, dana: Person, meetup: Event) -> FollowUp:
    alice.first_name, alice.email = "Alice", "alice@example.com"
    alice.save(update_fields=["first_name", "email"])
    fact_create(owner=alice, person=None, kind="offer", text="product photography")
    fact_create(owner=alice, person=dana, kind="need", text="product photos for her shop")
    encounter = encounter_log(
        owner=alice,
        participants=[dana],
        event=meetup,
        occurred_at=timezone.now() - dt.timedelta(days=1),
        summary="pricing handmade prints",
        create_followup=False,
    )
    followup = followup_create(
        owner=alice, person=dana, due_on=timezone.localdate(), topic="the Etsy listings"
    )
    followup.source_encounter = encounter
    followup.save(update_fields=["source_encounter"])
    return followup
