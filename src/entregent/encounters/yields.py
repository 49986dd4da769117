"""Events that pay off: who I met at each event, whom I followed up within a day, and which of
those relationships are still active a month and a quarter later — per event and across
events, by kind and by size.

A meeting is one person's first encounter at one event. It counts as:
- first met there when the person had no encounter before it (else: already known);
- followed up within 24 hours when, in the 24 hours after it, a follow-up for the person was
  done or an encounter with them was logged outside any event (the e-mail sent that night);
- still active after 30 (90) days when a meaningful encounter with the person happened 30
  (90) days or more after it (their last meaningful encounter, kept on the person by the
  cadence, is that late); "too early" while that day is still to come.

Everything is counted by the database in one grouped query (one row per event, or per kind
and size band), never by looping over rows in Python: for a few events, with EXISTS
sub-queries bounded by each person's encounters; across all events, with window functions
(the first participation per person and event, and per person) read once each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entregent.accounts.models import User
from entregent.encounters.choices import Attendance, EventKind
from entregent.encounters.models import Encounter, Event
from entregent.followups.choices import FollowUpStatus
from entregent.followups.models import FollowUp

FOLLOW_UP_WINDOW = dt.timedelta(hours=24)
ACTIVE_AFTER = (30, 90)
SMALL_UNDER = 100
LARGE_OVER = 500


class SizeBand(models.TextChoices):
    """How big an event was, in the bands the seed's author compared."""

    SMALL = "small", _("Under 100 people")
    MEDIUM = "medium", _("100 to 500 people")
    LARGE = "large", _("Over 500 people")
    UNKNOWN = "unknown", _("Size unknown")


def size_band(size: int | None) -> SizeBand:
    """The band of an event of `size` people (None: unknown)."""
    if size is None:
        return SizeBand.UNKNOWN
    if size < SMALL_UNDER:
        return SizeBand.SMALL
    if size <= LARGE_OVER:
        return SizeBand.MEDIUM
    return SizeBand.LARGE


def _band_expression(prefix: str = "") -> Case:
    return Case(
        When(**{f"{prefix}size__isnull": True}, then=Value(SizeBand.UNKNOWN.value)),
        When(**{f"{prefix}size__lt": SMALL_UNDER}, then=Value(SizeBand.SMALL.value)),
        When(**{f"{prefix}size__lte": LARGE_OVER}, then=Value(SizeBand.MEDIUM.value)),
        default=Value(SizeBand.LARGE.value),
        output_field=models.CharField(),
    )


# The rows counted -------------------------------------------------------------------------

_Through: Any = Encounter.participants.through


def _meetings(owner: User) -> QuerySet[Any]:
    """One row per (event, person): the person's first encounter at the event.

    For a few events: each row checks that no earlier encounter at the event exists (a
    sub-query bounded by the person's encounters).
    """
    earlier_here = _Through.objects.filter(
        person_id=OuterRef("person_id"),
        encounter__event_id=OuterRef("encounter__event_id"),
    ).filter(
        Q(encounter__occurred_at__lt=OuterRef("encounter__occurred_at"))
        | Q(
            encounter__occurred_at=OuterRef("encounter__occurred_at"),
            encounter_id__lt=OuterRef("encounter_id"),
        )
    )
    return _Through.objects.filter(encounter__owner=owner, encounter__event__isnull=False).filter(
        ~Exists(earlier_here)
    )


def _first_rows(owner: User, *partition: str) -> QuerySet[Any]:
    """The ids of the first participation row (by time, then id) per `partition`: one pass
    over the owner's participations with a window function, read once as a list."""
    order = [F("encounter__occurred_at").asc(), F("encounter_id").asc()]
    return (
        _Through.objects.filter(encounter__owner=owner)
        .annotate(nth=Window(RowNumber(), partition_by=[F(p) for p in partition], order_by=order))
        .filter(nth=1)
        .values("pk")
    )


def _all_meetings(owner: User) -> tuple[QuerySet[Any], Q]:
    """Every meeting of the owner (first encounter per person and event), and the condition
    "first met there" (the person's first encounter ever): window functions instead of
    sub-queries per row, for the yield across all events."""
    at_events = _first_rows(owner, "person_id", "encounter__event_id")
    first_ever = _first_rows(owner, "person_id")
    meetings = _Through.objects.filter(pk__in=at_events, encounter__event__isnull=False)
    return meetings, Q(pk__in=first_ever)


def _counts(now: dt.datetime, first_met: Any = None) -> dict[str, Any]:
    """The aggregates of a group of meetings (see the module's docstring); `first_met` is
    the condition "first met there", by default a sub-query per row."""
    when = OuterRef("encounter__occurred_at")
    if first_met is None:
        first_met = ~Exists(
            _Through.objects.filter(
                person_id=OuterRef("person_id"), encounter__occurred_at__lt=when
            )
        )
    followup_done = Exists(
        FollowUp.objects.filter(
            person_id=OuterRef("person_id"),
            status=FollowUpStatus.DONE,
            completed_at__gte=when,
            completed_at__lte=when + FOLLOW_UP_WINDOW,
        )
    )
    exchange_after = Exists(
        _Through.objects.filter(
            person_id=OuterRef("person_id"),
            encounter__event__isnull=True,
            encounter__occurred_at__gt=when,
            encounter__occurred_at__lte=when + FOLLOW_UP_WINDOW,
        )
    )

    def one_if(condition: Any) -> Sum:
        return Sum(Case(When(condition, then=Value(1)), default=Value(0)))

    counts: dict[str, Any] = {
        "people_met": Count("id"),
        "first_met": one_if(first_met),
        "followed_up": one_if(followup_done | exchange_after),
    }
    for days in ACTIVE_AFTER:
        # A person's last meaningful encounter is kept on the person (the cadence keeps it
        # current): "a meaningful encounter N days or more after" is a comparison with it,
        # a join instead of a sub-query over their encounters.
        later = Q(
            person__last_interaction_at__gte=F("encounter__occurred_at") + dt.timedelta(days=days)
        )
        ripe = Q(encounter__occurred_at__lte=now - dt.timedelta(days=days))
        counts[f"eligible_{days}"] = one_if(ripe)
        counts[f"active_{days}"] = one_if(later & ripe)
    return counts


# Results ------------------------------------------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass
class Yield:
    """What a set of meetings gave: the counts, and the shares they make.

    `eligible_30` / `eligible_90` are the meetings old enough to tell; the active shares
    are taken among those, and are None ("too early") when none is.
    """

    people_met: int = 0
    first_met: int = 0
    followed_up: int = 0
    eligible_30: int = 0
    active_30: int = 0
    eligible_90: int = 0
    active_90: int = 0

    @property
    def already_known(self) -> int:
        return self.people_met - self.first_met

    @property
    def followed_up_share(self) -> float | None:
        return _share(self.followed_up, self.people_met)

    @property
    def active_30_share(self) -> float | None:
        return _share(self.active_30, self.eligible_30)

    @property
    def active_90_share(self) -> float | None:
        return _share(self.active_90, self.eligible_90)

    def add(self, other: Yield) -> None:
        for name in (
            "people_met",
            "first_met",
            "followed_up",
            "eligible_30",
            "active_30",
            "eligible_90",
            "active_90",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, Any]:
        return {
            "people_met": self.people_met,
            "first_met": self.first_met,
            "already_known": self.already_known,
            "followed_up_24h": self.followed_up,
            "followed_up_24h_share": self.followed_up_share,
            "active_30_eligible": self.eligible_30,
            "active_30": self.active_30,
            "active_30_share": self.active_30_share,
            "active_90_eligible": self.eligible_90,
            "active_90": self.active_90,
            "active_90_share": self.active_90_share,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Yield:
        return cls(
            people_met=row["people_met"] or 0,
            first_met=row["first_met"] or 0,
            followed_up=row["followed_up"] or 0,
            eligible_30=row["eligible_30"] or 0,
            active_30=row["active_30"] or 0,
            eligible_90=row["eligible_90"] or 0,
            active_90=row["active_90"] or 0,
        )


@dataclass
class EventYield(Yield):
    """One event's yield; `too_early_30` / `too_early_90` while the day to tell is to come."""

    event_id: int = 0
    too_early_30: bool = False
    too_early_90: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            **super().as_dict(),
            "too_early_30": self.too_early_30,
            "too_early_90": self.too_early_90,
        }


def _too_early(event_date: dt.date, today: dt.date, days: int) -> bool:
    return event_date + dt.timedelta(days=days) > today


def event_yields(
    *, owner: User, events: Iterable[Event], now: dt.datetime | None = None
) -> dict[int, EventYield]:
    """The yield of each of these events (a page of them), in one query."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    events = [e for e in events if e.owner_id == owner.pk]
    # Driven from the events' encounters through the event index: the events are the
    # owner's (checked above), and naming the owner too would make SQLite walk the owner
    # index over every encounter instead.
    at_events = Encounter.objects.filter(event_id__in=[e.pk for e in events])
    rows = (
        _meetings(owner)
        .filter(encounter_id__in=at_events.values("pk"))
        .values("encounter__event_id")
        .annotate(**_counts(now))
        .order_by()
    )
    found = {row["encounter__event_id"]: row for row in rows}
    result = {}
    for event in events:
        row = found.get(event.pk)
        base = Yield.from_row(row) if row else Yield()
        result[event.pk] = EventYield(
            **base.__dict__,
            event_id=event.pk,
            too_early_30=_too_early(event.date, today, 30),
            too_early_90=_too_early(event.date, today, 90),
        )
    return result


def event_yield(*, owner: User, event: Event, now: dt.datetime | None = None) -> EventYield:
    """One event's yield: people met there, followed up within 24 hours, still active."""
    return event_yields(owner=owner, events=[event], now=now)[event.pk]


@dataclass
class YieldGroup(Yield):
    """The yield of the events of one kind, one size band, or both; `events` counts them."""

    kind: str = ""
    band: str = ""
    events: int = 0

    @property
    def people_per_event(self) -> float | None:
        return round(self.people_met / self.events, 2) if self.events else None

    @property
    def label(self) -> str:
        parts = []
        if self.kind:
            parts.append(str(EventKind(self.kind).label))
        if self.band:
            parts.append(str(SizeBand(self.band).label))
        return " · ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.kind:
            out["kind"] = self.kind
        if self.band:
            out["size_band"] = self.band
        return {**out, "events": self.events, "people_per_event": self.people_per_event} | (
            super().as_dict()
        )


@dataclass
class YieldSummary:
    """Yield across events: by kind, by size band, by both, and overall."""

    by_kind: list[YieldGroup] = field(default_factory=list)
    by_size: list[YieldGroup] = field(default_factory=list)
    by_kind_and_size: list[YieldGroup] = field(default_factory=list)
    overall: YieldGroup = field(default_factory=YieldGroup)

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.as_dict(),
            "by_kind": [g.as_dict() for g in self.by_kind],
            "by_size": [g.as_dict() for g in self.by_size],
            "by_kind_and_size": [g.as_dict() for g in self.by_kind_and_size],
        }


def attended_events(*, owner: User, today: dt.date | None = None) -> QuerySet[Event]:
    """Past events I went to: marked attended, or with encounters logged (unless skipped)."""
    today = today or timezone.localdate()
    logged = Exists(Encounter.objects.filter(owner=owner, event_id=OuterRef("pk")))
    return Event.objects.filter(owner=owner, date__lte=today).filter(
        Q(attendance=Attendance.ATTENDED) | (logged & ~Q(attendance=Attendance.SKIPPED))
    )


def event_yield_by_kind_and_size(*, owner: User, now: dt.datetime | None = None) -> YieldSummary:
    """Which events are worth the evenings: yield by kind and by size band (two queries).

    Events counted are the past ones I attended; people met per event divides by them.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    event_rows = (
        attended_events(owner=owner, today=today)
        .values("kind", band=_band_expression())
        .annotate(events=Count("id"))
        .order_by()
    )
    cells: dict[tuple[str, str], YieldGroup] = {}
    for row in event_rows:
        cells[(row["kind"], row["band"])] = YieldGroup(
            kind=row["kind"], band=row["band"], events=row["events"]
        )
    meetings, first_met = _all_meetings(owner)
    meeting_rows = (
        meetings.filter(encounter__event__date__lte=today)
        .exclude(encounter__event__attendance=Attendance.SKIPPED)
        .values(kind=F("encounter__event__kind"), band=_band_expression("encounter__event__"))
        .annotate(**_counts(now, first_met))
        .order_by()
    )
    for row in meeting_rows:
        key = (row["kind"], row["band"])
        cell = cells.setdefault(key, YieldGroup(kind=key[0], band=key[1]))
        cell.add(Yield.from_row(row))
    summary = YieldSummary()
    by_kind: dict[str, YieldGroup] = {}
    by_size: dict[str, YieldGroup] = {}
    kind_order = {value: n for n, value in enumerate(EventKind.values)}
    band_order = {value: n for n, value in enumerate(SizeBand.values)}
    for (kind, band), cell in sorted(
        cells.items(), key=lambda item: (kind_order.get(item[0][0], 99), band_order[item[0][1]])
    ):
        summary.by_kind_and_size.append(cell)
        for group in (
            by_kind.setdefault(kind, YieldGroup(kind=kind)),
            by_size.setdefault(band, YieldGroup(band=band)),
        ):
            group.add(cell)
            group.events += cell.events
        summary.overall.add(cell)
        summary.overall.events += cell.events
    summary.by_kind = list(by_kind.values())
    summary.by_size = sorted(by_size.values(), key=lambda g: band_order[g.band])
    return summary
