"""Reads of the network app: tie-strength signals and scores.

The signals of all of an owner's people come from a handful of GROUP BY queries (encounters
through the participants table, favours, connections in each direction) — never one query
per person — and feed the pure engine in `network.ties`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Max, Min, Q
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import NotFound
from entregent.encounters.choices import Channel, Initiator
from entregent.encounters.models import Encounter
from entregent.goals.choices import FavourDirection
from entregent.goals.models import Favour
from entregent.network.models import TieStrength
from entregent.network.ties import ACTIVE, COMPONENTS, DORMANT, INNER, WEAK, WEIGHTS, TieSignals
from entregent.people.models import Connection, Person

DEEP_CHANNELS = (Channel.IN_PERSON, Channel.CALL, Channel.VIDEO)
# Stored scores older than this are recomputed when the radar or the Connect page is read.
STALE_AFTER = dt.timedelta(days=1)


def tie_signals(*, owner: User, person_ids: Collection[int] | None = None) -> dict[int, TieSignals]:
    """Per-person signals of the owner's people (all of them, or `person_ids`) in four
    aggregate queries. People with nothing recorded are absent (their signals are zeros)."""
    through = Encounter.participants.through
    # The encounter's owner is enough: its participants are the owner's people (the
    # encounter services refuse anyone else), and only the owner's people are scored.
    encounters = through.objects.filter(encounter__owner=owner)
    favours = Favour.objects.filter(owner=owner)
    outgoing = Connection.objects.filter(owner=owner)
    incoming = Connection.objects.filter(owner=owner)
    if person_ids is not None:
        ids = list(person_ids)
        encounters = encounters.filter(person_id__in=ids)
        favours = favours.filter(person_id__in=ids)
        outgoing = outgoing.filter(from_person_id__in=ids)
        incoming = incoming.filter(to_person_id__in=ids)

    fields: dict[int, dict[str, Any]] = {}

    def row(pid: int) -> dict[str, Any]:
        found = fields.get(pid)
        if found is None:
            found = fields[pid] = {"connections": 0}
        return found

    for r in encounters.values("person_id").annotate(
        n=Count("encounter_id"),
        n_meaningful=Count("encounter_id", filter=Q(encounter__meaningful=True)),
        n_deep=Count("encounter_id", filter=Q(encounter__channel__in=DEEP_CHANNELS)),
        first=Min("encounter__occurred_at"),
        last=Max("encounter__occurred_at", filter=Q(encounter__meaningful=True)),
        me=Count("encounter_id", filter=Q(encounter__initiated_by=Initiator.ME)),
        them=Count("encounter_id", filter=Q(encounter__initiated_by=Initiator.THEM)),
        mutual=Count("encounter_id", filter=Q(encounter__initiated_by=Initiator.MUTUAL)),
    ):
        row(r["person_id"]).update(
            encounters=r["n"],
            meaningful=r["n_meaningful"],
            deep=r["n_deep"],
            first_at=r["first"],
            last_meaningful_at=r["last"],
            initiated_me=r["me"],
            initiated_them=r["them"],
            initiated_mutual=r["mutual"],
        )
    for r in favours.values("person_id").annotate(
        given=Count("id", filter=Q(direction=FavourDirection.GIVEN)),
        received=Count("id", filter=Q(direction=FavourDirection.RECEIVED)),
    ):
        row(r["person_id"]).update(favours_given=r["given"], favours_received=r["received"])
    # A connection is stored once and read both ways; several kinds between the same two
    # people count once per direction.
    for r in outgoing.values("from_person_id").annotate(n=Count("to_person_id", distinct=True)):
        row(r["from_person_id"])["connections"] += r["n"]
    for r in incoming.values("to_person_id").annotate(n=Count("from_person_id", distinct=True)):
        row(r["to_person_id"])["connections"] += r["n"]
    return {pid: TieSignals(person_id=pid, **values) for pid, values in fields.items()}


def tie_strengths(*, owner: User) -> dict[int, float]:
    """Person id → tie strength (0..1) of the owner's people, as last computed.

    Computed for everyone on first use; a person never computed since (just added) is
    absent — read it as 0.0 (`.get(pid, 0.0)`).
    """
    scores = dict(TieStrength.objects.filter(owner=owner).values_list("person_id", "score"))
    if not scores:
        from entregent.network.services import tie_recompute

        if tie_recompute(owner=owner).scored:
            scores = dict(TieStrength.objects.filter(owner=owner).values_list("person_id", "score"))
    return scores


def tie_for_person(*, owner: User, person_id: int) -> TieStrength | None:
    """The stored tie strength of one of the owner's people, or None."""
    return TieStrength.objects.filter(owner=owner, person_id=person_id).first()


def ties_stale(*, owner: User, now: dt.datetime) -> bool:
    """Whether the stored scores are missing or older than STALE_AFTER."""
    oldest = TieStrength.objects.filter(owner=owner).aggregate(oldest=Min("computed_at"))
    return oldest["oldest"] is None or oldest["oldest"] < now - STALE_AFTER


@dataclass(frozen=True)
class Component:
    """One line of a person's tie-strength table."""

    name: str
    weight: float
    value: float
    contribution: float


@dataclass(frozen=True)
class PersonTie:
    """A person's tie strength as shown: score, computed circle, the person's own circle
    (pinned or following the score), and each component's contribution."""

    person: Person
    score: float
    computed_circle: str
    components: list[Component]
    computed_at: dt.datetime


def person_tie(*, owner: User, person: Person) -> PersonTie:
    """One person's tie strength, computed now if it never was."""
    if person.owner_id != owner.pk:
        raise NotFound(_("Person not found."))
    tie = tie_for_person(owner=owner, person_id=person.pk)
    if tie is None:
        from entregent.network.services import tie_recompute

        tie_recompute(owner=owner, person_ids=[person.pk])
        tie = TieStrength.objects.get(owner=owner, person_id=person.pk)
    stored = tie.components if isinstance(tie.components, dict) else {}
    components = []
    for name in COMPONENTS:
        part = stored.get(name) or {}
        components.append(
            Component(
                name=name,
                weight=float(part.get("weight", WEIGHTS[name])),
                value=float(part.get("value", 0.0)),
                contribution=float(part.get("contribution", 0.0)),
            )
        )
    return PersonTie(
        person=person,
        score=tie.score,
        computed_circle=tie.circle,
        components=components,
        computed_at=tie.computed_at,
    )


def tie_distribution(*, owner: User) -> list[dict[str, Any]]:
    """The owner's (not archived) people by circle: how many, how many pinned, and their
    mean tie strength — strongest circle first."""
    rows = {
        r["circle"]: r
        for r in Person.objects.filter(owner=owner, archived=False)
        .values("circle")
        .annotate(
            people=Count("id"),
            pinned=Count("id", filter=Q(circle_pinned=True)),
            mean=Avg("tie_strength__score"),
        )
        .order_by()
    }
    return [
        {
            "circle": circle,
            "people": rows.get(circle, {}).get("people", 0),
            "pinned": rows.get(circle, {}).get("pinned", 0),
            "mean_score": round(rows[circle]["mean"], 4)
            if circle in rows and rows[circle]["mean"] is not None
            else None,
        }
        for circle in (INNER, ACTIVE, WEAK, DORMANT)
    ]
