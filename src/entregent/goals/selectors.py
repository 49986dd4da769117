"""Reads of the goals app: goals, what each metric counts per day, progress and the pace guard.

Every metric is counted by the database, grouped by day (TruncDate in the current time
zone, the account's), over a bounded window of days; never by looping over rows here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import ApplicationError, NotFound
from entregent.encounters.models import Encounter, Event
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.goals import engine
from entregent.goals.choices import FavourDirection, FavourKind, GoalMetric
from entregent.goals.models import Favour, Goal

Participation = Encounter.participants.through
DayCounts = dict[dt.date, int]


class MetricUnavailable(ApplicationError):
    """A metric whose records this installation does not keep (yet)."""

    status = 409
    code = "conflict"


# Goals ------------------------------------------------------------------------------------


def goal_list(*, owner: User, archived: bool | None = False) -> QuerySet[Goal]:
    """The owner's goals, active first, newest first; `archived=None` lists them all."""
    goals = Goal.objects.for_owner(owner)
    if archived is not None:
        goals = goals.filter(archived=archived)
    return goals


def goal_get(*, owner: User, pk: int) -> Goal:
    try:
        return Goal.objects.for_owner(owner).get(pk=pk)
    except Goal.DoesNotExist:
        raise NotFound(_("Not found.")) from None


def challenge_get(*, owner: User, pk: int) -> Goal:
    """A goal that is a challenge (a plain goal answers 404 here)."""
    goal = goal_get(owner=owner, pk=pk)
    if not goal.is_challenge:
        raise NotFound(_("Not found."))
    return goal


# Metrics ----------------------------------------------------------------------------------


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first instant of `start` and of the day after `end`, in the account's time zone."""
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return since, until


def _per_day(rows: Iterable[Mapping[str, Any]]) -> DayCounts:
    found: DayCounts = {}
    for row in rows:
        day, n = row["day"], row["n"]
        if isinstance(day, dt.datetime):  # some backends answer a datetime at midnight
            day = day.date()
        if isinstance(day, dt.date) and isinstance(n, int) and n:
            found[day] = n
    return found


def _first_meaningful(owner: User) -> QuerySet[Any]:
    """Participations in the owner's meaningful encounters (of the channels that count)
    that are the person's first such encounter ever."""
    qualifying = Q(encounter__meaningful=True, encounter__channel__in=engine.MEANINGFUL_CHANNELS)
    earlier = Participation.objects.filter(
        qualifying,
        person_id=OuterRef("person_id"),
        encounter__occurred_at__lt=OuterRef("encounter__occurred_at"),
    )
    return Participation.objects.filter(qualifying, encounter__owner=owner).filter(~Exists(earlier))


def new_connections_per_day(*, owner: User, start: dt.date, end: dt.date) -> DayCounts:
    """People whose first meaningful encounter (in person, call, video or a real e-mail
    exchange) falls on each day."""
    since, until = _bounds(start, end)
    rows = (
        _first_meaningful(owner)
        .filter(encounter__occurred_at__gte=since, encounter__occurred_at__lt=until)
        .annotate(day=TruncDate("encounter__occurred_at"))
        .values("day")
        .annotate(n=Count("person_id", distinct=True))
        .order_by("day")
    )
    return _per_day(rows)


def outreach_per_day(*, owner: User, start: dt.date, end: dt.date) -> DayCounts:
    """Encounters I initiated by e-mail, message, call, video or social, per day."""
    since, until = _bounds(start, end)
    rows = (
        Encounter.objects.for_owner(owner)
        .filter(
            occurred_at__gte=since,
            occurred_at__lt=until,
            initiated_by="me",
            channel__in=engine.OUTREACH_CHANNELS,
        )
        .annotate(day=TruncDate("occurred_at"))
        .values("day")
        .annotate(n=Count("id"))
        .order_by("day")
    )
    return _per_day(rows)


def followups_24h_per_day(*, owner: User, start: dt.date, end: dt.date) -> DayCounts:
    """Follow-ups done within 24 hours of the encounter they came from, by the day done."""
    since, until = _bounds(start, end)
    rows = (
        FollowUp.objects.for_owner(owner)
        .filter(
            status=FollowUpStatus.DONE,
            completed_at__gte=since,
            completed_at__lt=until,
            source_encounter__isnull=False,
            completed_at__lte=F("source_encounter__occurred_at") + engine.FOLLOWUP_WINDOW,
        )
        .annotate(day=TruncDate("completed_at"))
        .values("day")
        .annotate(n=Count("id"))
        .order_by("day")
    )
    return _per_day(rows)


def events_per_day(*, owner: User, start: dt.date, end: dt.date) -> DayCounts:
    """Events on each day where I logged at least one encounter."""
    attended = Encounter.objects.filter(owner=owner, event_id=OuterRef("pk"))
    rows = (
        Event.objects.for_owner(owner)
        .filter(date__gte=start, date__lte=end)
        .filter(Exists(attended))
        .annotate(day=F("date"))
        .values("day")
        .annotate(n=Count("id"))
        .order_by("day")
    )
    return _per_day(rows)


def introductions_per_day(*, owner: User, start: dt.date, end: dt.date) -> DayCounts:
    """Introductions I made (favours given of kind introduction), per day."""
    rows = (
        Favour.objects.for_owner(owner)
        .filter(
            direction=FavourDirection.GIVEN,
            kind=FavourKind.INTRODUCTION,
            occurred_on__gte=start,
            occurred_on__lte=end,
        )
        .annotate(day=F("occurred_on"))
        .values("day")
        .annotate(n=Count("id"))
        .order_by("day")
    )
    return _per_day(rows)


def pitches_per_day(*, owner: User, start: dt.date, end: dt.date) -> DayCounts:
    """Pitches sent: dream-client opportunities moved to "reached out", from the pipeline."""
    try:
        from entregent.pipeline.selectors import stage_entries_per_day
    except ImportError:
        raise MetricUnavailable(
            _("Pitches sent are not available: the opportunity pipeline is not installed."),
            errors={"metric": [_("Not available.")]},
        ) from None
    return stage_entries_per_day(
        owner=owner, start=start, end=end, stage=engine.PITCH_STAGE, kinds=engine.PITCH_KINDS
    )


def check_ins_per_day(*, owner: User, start: dt.date, end: dt.date) -> DayCounts:
    """Check-ins marked done (on Today or from a person's page), per day."""
    since, until = _bounds(start, end)
    rows = (
        FollowUp.objects.for_owner(owner)
        .filter(
            kind=FollowUpKind.CHECK_IN,
            status=FollowUpStatus.DONE,
            completed_at__gte=since,
            completed_at__lt=until,
        )
        .annotate(day=TruncDate("completed_at"))
        .values("day")
        .annotate(n=Count("id"))
        .order_by("day")
    )
    return _per_day(rows)


METRIC_SELECTORS: dict[str, Callable[..., DayCounts]] = {
    GoalMetric.NEW_CONNECTIONS: new_connections_per_day,
    GoalMetric.OUTREACH: outreach_per_day,
    GoalMetric.FOLLOWUPS_24H: followups_24h_per_day,
    GoalMetric.EVENTS: events_per_day,
    GoalMetric.INTRODUCTIONS: introductions_per_day,
    GoalMetric.PITCHES: pitches_per_day,
    GoalMetric.CHECK_INS: check_ins_per_day,
}


def metric_per_day(*, owner: User, metric: str, start: dt.date, end: dt.date) -> DayCounts:
    """How many of `metric` each day from start to end (both included); days without any
    are left out."""
    return METRIC_SELECTORS[metric](owner=owner, start=start, end=end)


# Progress ---------------------------------------------------------------------------------


def goal_spec(goal: Goal) -> engine.GoalSpec:
    return engine.GoalSpec(
        period=goal.period,
        target=goal.target,
        challenge_target=goal.challenge_target,
        start_on=goal.start_on,
        length_days=goal.length_days,
    )


@dataclass(frozen=True)
class GoalProgress:
    """A goal with where it stands, and a kind word on the pace when there is one."""

    goal: Goal
    progress: engine.Progress | None
    pace: engine.PaceAdvice | None = None
    unavailable: str = ""
    counts: DayCounts | None = None  # the counts per day read for it


def _overdue_counts(owner: User, today: dt.date) -> tuple[int, int]:
    """Open overdue follow-ups now, and how many were open and overdue a week ago."""
    week_ago = today - dt.timedelta(days=7)
    since, _until = _bounds(week_ago, week_ago)
    pending = [FollowUpStatus.OPEN, FollowUpStatus.SNOOZED]
    counts = FollowUp.objects.for_owner(owner).aggregate(
        now=Count("id", filter=Q(status__in=pending, due_on__lt=today)),
        then=Count(
            "id",
            filter=Q(due_on__lt=week_ago, created__lt=since)
            & (Q(status__in=pending) | Q(completed_at__gte=since) | Q(dismissed_at__gte=since)),
        ),
    )
    return int(counts["now"]), int(counts["then"])


def goal_progress(
    *, goal: Goal, today: dt.date | None = None, with_pace: bool = True
) -> GoalProgress:
    """Where a goal stands today: counts read in one grouped query over the goal's window
    (and the pace guard's weeks), then computed by the engine."""
    today = today or timezone.localdate()
    spec = goal_spec(goal)
    start, end = engine.window(spec, today)
    pace_start, _pace_end = engine.pace_window(today)
    read_pace = with_pace and (
        not goal.is_challenge
        or (goal.start_on is not None and goal.start_on <= today <= (goal.end_on or today))
    )
    if read_pace:
        start = min(start, pace_start)
        end = max(end, today)
    try:
        counts = metric_per_day(owner=goal.owner, metric=goal.metric, start=start, end=end)
        result = engine.progress(spec, counts, today, since=start)
        if engine.needs_longer(spec, result, start):
            # A long streak: read the year (rare, so the usual read stays short).
            start = engine.window(spec, today, long=True)[0]
            counts = metric_per_day(owner=goal.owner, metric=goal.metric, start=start, end=end)
            result = engine.progress(spec, counts, today, since=start)
    except MetricUnavailable as exc:
        return GoalProgress(goal, None, unavailable=exc.message)
    pace = None
    if read_pace:
        now, then = _overdue_counts(goal.owner, today)
        pace = engine.pace_guard(
            engine.PaceInput(
                counts=counts,
                today=today,
                daily_target=spec.daily_target,
                overdue_now=now,
                overdue_week_ago=then,
            )
        )
    return GoalProgress(goal, result, pace, counts=counts)


def goals_progress(
    *, owner: User, today: dt.date | None = None, with_pace: bool = False
) -> list[GoalProgress]:
    """Every active goal with its progress (one grouped query per goal; goals are few)."""
    return [
        goal_progress(goal=goal, today=today, with_pace=with_pace)
        for goal in goal_list(owner=owner)[:50]
    ]
