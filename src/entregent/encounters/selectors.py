"""Reads of encounters and events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import NotFound
from entregent.core.validators import query_text
from entregent.encounters.choices import Channel, EventKind
from entregent.encounters.models import Encounter, Event
from entregent.people.models import Person

_PARTICIPANTS = Prefetch(
    "participants",
    queryset=Person.objects.only("id", "full_name", "owner_id").order_by("sort_name"),
)


def event_get(*, owner: User, pk: int | str) -> Event:
    try:
        return Event.objects.get(owner=owner, pk=int(pk))
    except (Event.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such event.")) from None


def encounter_get(*, owner: User, pk: int | str) -> Encounter:
    try:
        return (
            Encounter.objects.select_related("event")
            .prefetch_related(_PARTICIPANTS)
            .get(owner=owner, pk=int(pk))
        )
    except (Encounter.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such encounter.")) from None


def event_list(*, owner: User, q: str = "", kind: str = "") -> QuerySet[Event]:
    """The owner's events, newest first, with how many encounters each had."""
    qs = Event.objects.filter(owner=owner)
    q = query_text(q)
    if q:
        qs = qs.filter(name__icontains=q)
    if kind:
        # An unknown kind finds nothing rather than reaching the database as is.
        qs = qs.filter(kind=kind) if kind in EventKind.values else qs.none()
    return qs.annotate(encounter_count=Count("encounters")).order_by("-date", "-id")


def encounter_list(
    *, owner: User, person: Person | None = None, channel: str = "", event: Event | None = None
) -> QuerySet[Encounter]:
    """The owner's encounters, newest first, with participants and event loaded."""
    qs = Encounter.objects.filter(owner=owner)
    if person is not None:
        qs = qs.filter(participants=person)
    if channel:
        qs = qs.filter(channel=channel) if channel in Channel.values else qs.none()
    if event is not None:
        qs = qs.filter(event=event)
    return (
        qs.select_related("event").prefetch_related(_PARTICIPANTS).order_by("-occurred_at", "-id")
    )


@dataclass
class EventDetail:
    """An event with the people met there."""

    event: Event
    people: list[Person]
    encounters: list[Encounter]


def event_detail(*, owner: User, pk: int | str) -> EventDetail:
    event = event_get(owner=owner, pk=pk)
    encounters = list(encounter_list(owner=owner, event=event))
    people = list(
        Person.objects.filter(owner=owner, encounters__event=event)
        .select_related("organization")
        .distinct()
        .order_by("sort_name", "id")
    )
    return EventDetail(event=event, people=people, encounters=encounters)


@dataclass
class ParticipantOptions:
    """The people offered when choosing an encounter's participants."""

    people: list[Person]
    more: bool  # True when more people match than are listed: search to narrow.


def participant_options(
    *, owner: User, selected: Sequence[int] = (), q: str = "", limit: int = 200
) -> ParticipantOptions:
    """People already chosen first, then up to `limit` others matching `q` (all when empty).

    A network can hold many thousands of people, so the choice list is bounded and a
    search narrows it; chosen people stay listed (even archived ones already on an
    encounter) so that re-rendering a form never drops a choice.
    """
    from entregent.people.selectors import person_search_ids

    people = Person.objects.filter(owner=owner).select_related("organization")
    chosen = (
        list(people.filter(pk__in=list(selected)).order_by("sort_name", "id")) if selected else []
    )
    others = people.filter(archived=False).exclude(pk__in=[p.pk for p in chosen])
    if q.strip():
        others = others.filter(pk__in=person_search_ids(owner=owner, query=q))
    found = list(others.order_by("sort_name", "id")[: limit + 1])
    return ParticipantOptions(people=chosen + found[:limit], more=len(found) > limit)
