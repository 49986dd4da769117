"""Alice's small network for the map's tests: Dana (active, design tag, Blue Bottle
Studio), Karen (inner, family of Dana), Sam (weak, Dana's colleague), Lee (dormant, met Sam
at an event), an archived person tied to Dana, and the Design Meetup Dana and Karen attended.
Circles are pinned so that computing tie strengths does not move them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from entregent.accounts.models import User
from entregent.encounters.models import Event
from entregent.encounters.services import encounter_log
from entregent.people.models import Person, Tag
from entregent.people.services import connection_create, person_create


@dataclass
class World:
    dana: Person
    karen: Person
    sam: Person
    lee: Person
    ghost: Person
    meetup: Event
    design: Tag


@pytest.fixture
def world(alice: User, dana: Person, meetup: Event) -> World:
    karen = person_create(
        owner=alice, full_name="Karen Lee", circle="inner", circle_pinned=True, tags=["jazz"]
    )
    sam = person_create(
        owner=alice,
        full_name="Sam Ortiz",
        organization="Blue Bottle Studio",
        circle="weak",
        circle_pinned=True,
    )
    lee = person_create(owner=alice, full_name="Lee Park", circle="dormant", circle_pinned=True)
    ghost = person_create(owner=alice, full_name="Archived Ghost")
    ghost.archived = True
    ghost.save()
    dana.circle = "active"
    dana.circle_pinned = True
    dana.save()
    connection_create(owner=alice, from_person=dana, to_person=karen, kind="family")
    connection_create(owner=alice, from_person=karen, to_person=dana, kind="knows")
    connection_create(owner=alice, from_person=sam, to_person=dana, kind="colleague")
    connection_create(owner=alice, from_person=lee, to_person=sam, kind="met_at_event")
    connection_create(owner=alice, from_person=ghost, to_person=dana)
    encounter_log(
        owner=alice,
        participants=[dana, karen],
        event=meetup,
        occurred_at=dt.datetime(2026, 11, 3, 18, 30, tzinfo=dt.UTC),
        summary="Kiln prices.",
    )
    return World(dana, karen, sam, lee, ghost, meetup, Tag.objects.get(owner=alice, name="design"))
