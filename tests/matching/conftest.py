"""A small network of Alice's: Dana (coffee line), Karen and Sam (who know Dana), Camille
(French-speaking), with facts about them and about Alice herself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from entregent.accounts.models import User
from entregent.encounters.models import Event
from entregent.encounters.services import encounter_log
from entregent.people.models import Person
from entregent.people.services import connection_create, fact_create, person_create


@dataclass
class Network:
    dana: Person
    karen: Person
    sam: Person
    camille: Person
    meetup: Event


def add_facts(owner: User, person: Person | None, **kinds: list[str]) -> None:
    for kind, texts in kinds.items():
        for text in texts:
            fact_create(owner=owner, person=person, kind=kind, text=text)


@pytest.fixture
def network(alice: User, dana: Person, meetup: Event) -> Network:
    karen = person_create(owner=alice, full_name="Karen Lee", city="Portland")
    sam = person_create(owner=alice, full_name="Sam Ortiz", organization="Blue Bottle Studio")
    camille = person_create(
        owner=alice,
        full_name="Camille Dubois",
        language="fr",
        city="Lyon",
        headline="Graphiste",
        introduced_by=karen,
    )
    dana.city = "Portland"
    dana.introduced_by = sam
    dana.save()
    connection_create(owner=alice, from_person=dana, to_person=karen)
    connection_create(owner=alice, from_person=camille, to_person=karen)
    add_facts(
        alice,
        None,
        offer=["Bookkeeping for creative freelancers"],
        need=["product photos for my Etsy listings"],
        interest=["marathons", "sourdough"],
    )
    add_facts(
        alice,
        dana,
        offer=["Product photography"],
        need=["a bookkeeper for her studio"],
        interest=["running marathons"],
        project=["Launching a ceramics line"],
    )
    add_facts(alice, karen, interest=["jazz"], offer=["Photographie de produits"])
    add_facts(
        alice,
        camille,
        project=["Refonte de son site web"],
        interest=["le pain au levain"],
        need=["Cherche un comptable"],
    )
    encounter_log(
        owner=alice,
        participants=[dana, karen],
        event=meetup,
        occurred_at=dt.datetime(2026, 11, 3, 18, 30, tzinfo=dt.UTC),
        summary="Talked about kiln prices and the Etsy shop.",
    )
    return Network(dana=dana, karen=karen, sam=sam, camille=camille, meetup=meetup)
