"""Reads of the network app: tie-strength signals and scores.

The signals of all of an owner's people come from a handful of GROUP BY queries (encounters
through the participants table, favours, connections in each direction) — never one query
per person — and feed the pure engine in `network.ties`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.db.models import Count, Max, Min, Q

from entregent.accounts.models import User
from entregent.encounters.choices import Channel, Initiator
from entregent.encounters.models import Encounter
from entregent.goals.choices import FavourDirection
from entregent.goals.models import Favour
from entregent.network.models import TieStrength
from entregent.network.ties import TieSignals
from entregent.people.models import Connection

DEEP_CHANNELS = (Channel.IN_PERSON, Channel.CALL, Channel.VIDEO)
# Stored scores older than this are recomputed when the radar or the Connect page is read.
STALE_AFTER = dt.timedelta(days=1)


def tie_signals(*, owner: User, person_ids: Collection[int] | None = None) -> dict[int, TieSignals]:
    """Per-person signals of the owner's people (all of them, or `person_ids`) in four
    aggregate queries. People with nothing recorded are absent (their signals are zeros)."""
    through = Encounter.participants.through
    encounters = through.objects.filter(encounter__owner=owner, person__owner=owner)
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


def circle_distribution(*, owner: User) -> dict[str, int]:
    """How many of the owner's (not archived) people are in each circle."""
    from entregent.people.models import Person

    rows = (
        Person.objects.filter(owner=owner, archived=False)
        .values("circle")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {r["circle"]: r["n"] for r in rows}
