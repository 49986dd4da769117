"""Reads of the pipeline: opportunities, the board, the funnel, stage entries per day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import NotFound
from entregent.people.models import Person
from entregent.pipeline.choices import CALL_STAGES, PITCHED_STAGES, OpportunityKind, Stage
from entregent.pipeline.models import Opportunity, StageChange


def opportunity_get(*, owner: User, pk: int | str) -> Opportunity:
    """One of the owner's opportunities, or NotFound (also for another owner's id)."""
    try:
        return (
            Opportunity.objects.select_related("organization", "asked_person")
            .prefetch_related(Prefetch("people", queryset=Person.objects.order_by("sort_name")))
            .get(owner=owner, pk=int(pk))
        )
    except (Opportunity.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such opportunity.")) from None


def opportunity_list(
    *,
    owner: User,
    kind: str = "",
    stage: str = "",
    person: Person | None = None,
) -> QuerySet[Opportunity]:
    """The owner's opportunities in board order, of one kind, stage or person if given."""
    qs = Opportunity.objects.filter(owner=owner)
    if kind:
        qs = qs.filter(kind=kind)
    if stage:
        qs = qs.filter(stage=stage)
    if person is not None:
        qs = qs.filter(Q(people=person) | Q(asked_person=person)).distinct()
    return (
        qs.select_related("organization", "asked_person")
        .prefetch_related(Prefetch("people", queryset=Person.objects.order_by("sort_name")))
        .order_by("kind", "position", "id")
    )


@dataclass
class Column:
    """One stage's column on a board."""

    stage: str
    label: str
    cards: list[Opportunity] = field(default_factory=list)


def board(*, owner: User, kind: str) -> list[Column]:
    """The board of one kind: a column per stage, cards in their order (two queries)."""
    columns = {s.value: Column(stage=s.value, label=str(s.label)) for s in Stage}
    for opp in opportunity_list(owner=owner, kind=kind).order_by("position", "id"):
        columns[opp.stage].cards.append(opp)
    return list(columns.values())


def next_steps_due(*, owner: User, on: dt.date) -> QuerySet[Opportunity]:
    """Opportunities whose next step is due on or before a day (Today's pipeline slot)."""
    return (
        Opportunity.objects.filter(owner=owner, next_step_on__lte=on)
        .exclude(next_step_on__isnull=True)
        .select_related("organization")
        .order_by("next_step_on", "id")
    )


def stage_entries_per_day(
    *,
    owner: User,
    start: dt.date,
    end: dt.date,
    stage: str | Iterable[str],
    kinds: Iterable[str] | None = None,
) -> dict[dt.date, int]:
    """How many opportunities entered a stage each day from start to end (both included),
    counted from the stage history and grouped by day in the database; days without any
    are left out. With `stage="reached_out"` and `kinds=["dream_client"]` this counts the
    pitches sent."""
    stages = [stage] if isinstance(stage, str) else list(stage)
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    qs = StageChange.objects.filter(owner=owner, to_stage__in=stages, at__gte=since, at__lt=until)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    rows = qs.annotate(day=TruncDate("at")).values("day").annotate(n=Count("id")).order_by("day")
    return {row["day"]: row["n"] for row in rows}


@dataclass(frozen=True)
class FunnelStep:
    """One step of a funnel: how many opportunities ever reached it."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Funnel:
    """The funnel of one kind (or all kinds when kind is empty)."""

    kind: str
    label: str
    steps: list[FunnelStep]

    @property
    def summary(self) -> str:
        """E.g. "8 pitched → 3 calls booked"."""
        pitched = next((s.count for s in self.steps if s.key == "pitched"), 0)
        calls = next((s.count for s in self.steps if s.key == "call_booked"), 0)
        return _("%(pitched)s pitched → %(calls)s calls booked") % {
            "pitched": pitched,
            "calls": calls,
        }


def funnel(*, owner: User, kinds: Iterable[str] | None = None) -> list[Funnel]:
    """Per kind, how many opportunities ever reached each step, from the stage history
    (one aggregate query): pitched (reached out or beyond), replied, call booked, won."""
    wanted = list(kinds) if kinds is not None else list(OpportunityKind.values)
    reply_stages = [Stage.REPLIED.value, *CALL_STAGES]
    distinct = {"distinct": True}
    rows = (
        StageChange.objects.filter(owner=owner, kind__in=wanted)
        .values("kind")
        .annotate(
            pitched=Count("opportunity", filter=Q(to_stage__in=PITCHED_STAGES), **distinct),
            replied=Count("opportunity", filter=Q(to_stage__in=reply_stages), **distinct),
            call_booked=Count("opportunity", filter=Q(to_stage__in=CALL_STAGES), **distinct),
            won=Count("opportunity", filter=Q(to_stage=Stage.WON), **distinct),
        )
        .order_by()
    )
    by_kind = {row["kind"]: row for row in rows}
    labels = dict(OpportunityKind.choices)
    steps = (
        ("pitched", _("Pitched")),
        ("replied", _("Replied")),
        ("call_booked", _("Calls booked")),
        ("won", _("Won")),
    )
    result = []
    for kind in wanted:
        row = by_kind.get(kind, {})
        result.append(
            Funnel(
                kind=kind,
                label=str(labels.get(kind, kind)),
                steps=[FunnelStep(key, str(label), int(row.get(key, 0))) for key, label in steps],
            )
        )
    return result
