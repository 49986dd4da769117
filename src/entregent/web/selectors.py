"""Reads for the home dashboard: plain counts, each one indexed query scoped to the owner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.models import Encounter, Event
from entregent.people.models import Fact, Organization, Person


@dataclass(frozen=True)
class DashboardCounts:
    """What the home page counts; the booleans steer the "what's next" hints."""

    people: int
    organizations: int
    events: int
    encounters_last_30_days: int
    has_encounters: bool
    has_me_facts: bool


def dashboard_counts(*, owner: User, now: dt.datetime | None = None) -> DashboardCounts:
    """Counts for the home page, without the joins of the list selectors' annotations."""
    since = (now or timezone.now()) - dt.timedelta(days=30)
    encounters = Encounter.objects.filter(owner=owner)
    return DashboardCounts(
        people=Person.objects.filter(owner=owner, archived=False).count(),
        organizations=Organization.objects.filter(owner=owner).count(),
        events=Event.objects.filter(owner=owner).count(),
        encounters_last_30_days=encounters.filter(occurred_at__gte=since).count(),
        has_encounters=encounters.exists(),
        has_me_facts=Fact.objects.filter(owner=owner, person__isnull=True).exists(),
    )
