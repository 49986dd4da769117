"""Reads of encounters and events."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import NotFound
from entregent.encounters.models import Encounter, Event
from entregent.people.models import Person

_PARTICIPANTS = Prefetch("participants", queryset=Person.objects.only("id", "full_name", "owner_id").order_by("sort_name"))


def event_get(*, owner: User, pk: int | str) -> Event:
    try:
        return Event.objects.get(owner=owner, pk=int(pk))
    except (Event.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such event.")) from None


def encounter_get(*, owner: User, pk: int | str) -> Encounter:
    try:
        return Encounter.objects.select_related("event").prefetch_related(_PARTICIPANTS).get(owner=owner, pk=int(pk))
    except (Encounter.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such encounter.")) from None


def event_list(*, owner: User, q: str = "", kind: str = "") -> QuerySet[Event]:
    """The owner's events, newest first, with how many encounters each had."""
    qs = Event.objects.filter(owner=owner)
    if q.strip():
        qs = qs.filter(name__icontains=q.strip())
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(encounter_count=Count("encounters")).order_by("-date", "-id")


def encounter_list(
    *, owner: User, person: Person | None = None, channel: str = "", event: Event | None = None
) -> QuerySet[Encounter]:
    """The owner's encounters, newest first, with participants and event loaded."""
    qs = Encounter.objects.filter(owner=owner)
    if person is not None:
        qs = qs.filter(participants=person)
    if channel:
        qs = qs.filter(channel=channel)
    if event is not None:
        qs = qs.filter(event=event)
    return qs.select_related("event").prefetch_related(_PARTICIPANTS).order_by("-occurred_at", "-id")


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
