"""A small network for the introduction-path tests (alice's), and a look-alike of bob's."""

from __future__ import annotations

from dataclasses import dataclass

from entregent.accounts.models import User
from entregent.people.models import Person
from entregent.people.services import connection_create, fact_create, person_create


@dataclass
class World:
    ana: Person
    bruno: Person
    tom: Person
    karim: Person
    lea: Person
    zoe: Person
    ties: dict[int, float]


def build_world(owner: User) -> World:
    """Ana (whom I know well) knows Karim at Acme; Tom (a weak tie) is Léa's family; Bruno
    is Ana's colleague and knows Léa; Zoé offers product photography and knows Tom."""
    ana = person_create(owner=owner, full_name="Ana Duarte", organization="Studio", language="fr")
    bruno = person_create(owner=owner, full_name="Bruno Costa", organization="Studio")
    tom = person_create(owner=owner, full_name="Tom Weak", city="Lyon", emails=["tom@example.org"])
    karim = person_create(owner=owner, full_name="Karim Haddad", organization="Acme")
    lea = person_create(owner=owner, full_name="Léa Martin", organization="Acme")
    zoe = person_create(owner=owner, full_name="Zoé Photo", city="Lyon")
    connection_create(owner=owner, from_person=ana, to_person=karim, kind="knows")
    connection_create(owner=owner, from_person=tom, to_person=lea, kind="family")
    connection_create(owner=owner, from_person=ana, to_person=bruno, kind="colleague")
    connection_create(owner=owner, from_person=bruno, to_person=lea, kind="knows")
    connection_create(owner=owner, from_person=zoe, to_person=tom, kind="knows")
    fact_create(owner=owner, person=zoe, kind="offer", text="product photography")
    ties = {ana.pk: 0.8, bruno.pk: 0.3, tom.pk: 0.2, karim.pk: 0.05, lea.pk: 0.0, zoe.pk: 0.0}
    return World(ana, bruno, tom, karim, lea, zoe, ties)
