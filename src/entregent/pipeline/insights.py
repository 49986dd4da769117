"""Insights: a page of charts over the whole account, each with the table of its data.

`insights_data` reads every aggregate in the database (grouped by month, week or day over
a bounded window) and draws the charts with entregent.web.charts; the page, the API
(`GET /api/v1/insights`) and the CLI (`entregent insights --json`) all use it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate, TruncMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from entregent.accounts.models import User
from entregent.encounters.choices import Channel
from entregent.encounters.models import Encounter
from entregent.encounters.yields import SizeBand, YieldSummary, event_yield_by_kind_and_size
from entregent.goals.choices import FavourDirection
from entregent.goals.models import Favour, Goal
from entregent.goals.selectors import goal_progress
from entregent.people.models import Person
from entregent.pipeline.selectors import funnel
from entregent.web.charts import Chart, Series, bar_chart, funnel_chart, line_chart
from entregent.web.charts import stacked_bar_chart as stacked
from entregent.web.requests import owner_of

MONTHS = 24
WEEKS = 26
GIVING_MONTHS = 12
# Typed loosely: the mypy plugin does not follow annotations on an automatic through model.
Participation: Any = Encounter.participants.through


@dataclass
class Insights:
    """The charts of the insights page, in page order, and what was left out and why."""

    today: dt.date
    charts: list[Chart] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "charts": [c.as_dict() for c in self.charts],
            "missing": self.missing,
        }


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, dt.date) else None


def _month_starts(today: dt.date, months: int) -> list[dt.date]:
    first = today.replace(day=1)
    out = []
    year, month = first.year, first.month
    for _i in range(months):
        out.append(dt.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


def _month_label(day: dt.date) -> str:
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


def _per_month(rows: Any, key: str = "month") -> dict[dt.date, int]:
    found: dict[dt.date, int] = {}
    for row in rows:
        day = _as_date(row[key])
        if day is not None:
            found[day.replace(day=1)] = found.get(day.replace(day=1), 0) + int(row["n"])
    return found


def network_growth(*, owner: User, today: dt.date) -> Chart:
    """People first met per month (their first encounter) and people added to Entregent,
    over the last two years."""
    months = _month_starts(today, MONTHS)
    since, until = _bounds(months[0], today)
    # Each person's first encounter (one index lookup per person), then counted per month
    # in the database: linear in people, where "no earlier participation" for every
    # participation grew with the square of a person's history.
    first = (
        Participation.objects.filter(person_id=OuterRef("pk"))
        .order_by("encounter__occurred_at")
        .values("encounter__occurred_at")[:1]
    )
    first_met = _per_month(
        Person.objects.filter(owner=owner)
        .annotate(first=Subquery(first))
        .filter(first__gte=since, first__lt=until)
        .annotate(month=TruncMonth("first"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    added = _per_month(
        Person.objects.filter(owner=owner, created__gte=since, created__lt=until)
        .annotate(month=TruncMonth("created"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    return line_chart(
        chart_id="insights-growth",
        title=_("Network growth per month"),
        description=_(
            "People met for the first time and people added, each month of the last two years."
        ),
        labels=[_month_label(m) for m in months],
        series=[
            Series(_("First met"), [first_met.get(m, 0) for m in months]),
            Series(_("Added"), [added.get(m, 0) for m in months]),
        ],
        label_header=_("Month"),
        area=True,
        empty_message=_("No one met or added in the last two years."),
    )


def interactions_by_channel(*, owner: User, today: dt.date) -> Chart:
    """Encounters per week (weeks start on Monday) by channel, over the last 26 weeks."""
    monday = today - dt.timedelta(days=today.weekday())
    weeks = [monday - dt.timedelta(weeks=i) for i in range(WEEKS - 1, -1, -1)]
    since, until = _bounds(weeks[0], today)
    counts: dict[tuple[dt.date, str], int] = {}
    # Grouped by day and channel in the database (a few thousand rows at most), folded
    # into weeks here: week truncation differs between SQLite and PostgreSQL.
    rows = (
        Encounter.objects.filter(owner=owner, occurred_at__gte=since, occurred_at__lt=until)
        .annotate(day=TruncDate("occurred_at"))
        .values("day", "channel")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        day = _as_date(row["day"])
        if day is None:
            continue
        week = day - dt.timedelta(days=day.weekday())
        counts[(week, row["channel"])] = counts.get((week, row["channel"]), 0) + int(row["n"])
    series = [
        Series(str(label), [counts.get((w, value), 0) for w in weeks])
        for value, label in Channel.choices
    ]
    return stacked(
        chart_id="insights-channels",
        title=_("Interactions per week by channel"),
        description=_("Encounters logged each week of the last six months, by channel."),
        labels=[formats.date_format(w, "SHORT_DATE_FORMAT") for w in weeks],
        series=series,
        label_header=_("Week of"),
        empty_message=_("No interaction logged in the last six months."),
    )


def challenge_progress(*, owner: User, today: dt.date) -> Chart | None:
    """The running (or latest started) challenge's count per day so far."""
    goal = (
        Goal.objects.filter(owner=owner, archived=False, period="challenge", start_on__lte=today)
        .order_by("-start_on", "-id")
        .first()
    )
    if goal is None:
        return None
    progress = goal_progress(goal=goal, today=today, with_pace=False).progress
    if progress is None:
        return None
    series = progress.series
    title = _("Challenge: %(title)s") % {"title": str(goal)}
    return bar_chart(
        chart_id="insights-challenge",
        title=title,
        description=_(
            "What was done each day of the challenge so far; %(met)s of %(days)s days met."
        )
        % {"met": progress.days_met, "days": progress.days_elapsed},
        labels=[formats.date_format(d.day, "SHORT_DATE_FORMAT") for d in series],
        values=[d.count for d in series],
        label_header=_("Day"),
        value_header=goal.get_metric_display(),
        empty_message=_("Nothing counted yet for this challenge."),
    )


def event_yield(*, summary: YieldSummary) -> Chart:
    """People met per event, and still active after 90 days, by size band."""
    groups = [g for g in summary.by_size if g.events]
    labels = [str(SizeBand(g.band).label) for g in groups]
    return stacked(
        chart_id="insights-events",
        title=_("Event yield by size"),
        description=_(
            "For the events you attended, by size: people met per event, and of them, per "
            "event, those still active 90 days later."
        ),
        labels=labels,
        series=[
            Series(
                _("Still active after 90 days, per event"),
                [round(g.active_90 / g.events, 1) for g in groups],
            ),
            Series(
                _("Other people met, per event"),
                [round((g.people_met - g.active_90) / g.events, 1) for g in groups],
            ),
        ],
        label_header=_("Event size"),
        empty_message=_("No event attended yet."),
    )


def event_yield_by_kind(*, summary: YieldSummary) -> Chart:
    """People met per event by kind of event."""
    groups = [g for g in summary.by_kind if g.events]
    return bar_chart(
        chart_id="insights-event-kinds",
        title=_("People met per event, by kind"),
        description=_("How many people you met, on average, at each kind of event you attended."),
        labels=[g.label for g in groups],
        values=[g.people_per_event or 0 for g in groups],
        label_header=_("Kind of event"),
        value_header=_("People met per event"),
        empty_message=_("No event attended yet."),
    )


def pipeline_funnel(*, owner: User) -> Chart:
    """The funnel over every kind of opportunity."""
    funnels = funnel(owner=owner)
    steps = funnels[0].steps if funnels else []
    totals = [sum(f.steps[i].count for f in funnels) for i in range(len(steps))]
    return funnel_chart(
        chart_id="insights-funnel",
        title=_("Pipeline funnel"),
        description=_("Opportunities of every kind that reached each step, from their history."),
        labels=[s.label for s in steps],
        values=totals,
        label_header=_("Step"),
        value_header=_("Opportunities"),
        empty_message=_("No opportunity pitched yet."),
    )


def giving_balance(*, owner: User, today: dt.date) -> Chart:
    """Favours given and received per month, over the last year."""
    months = _month_starts(today, GIVING_MONTHS)
    rows = (
        Favour.objects.filter(owner=owner, occurred_on__gte=months[0], occurred_on__lte=today)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month")
        .annotate(
            given=Count("id", filter=Q(direction=FavourDirection.GIVEN)),
            received=Count("id", filter=Q(direction=FavourDirection.RECEIVED)),
        )
        .order_by()
    )
    given: dict[dt.date, int] = {}
    received: dict[dt.date, int] = {}
    for row in rows:
        month = _as_date(row["month"])
        if month is not None:
            given[month.replace(day=1)] = int(row["given"])
            received[month.replace(day=1)] = int(row["received"])
    return line_chart(
        chart_id="insights-giving",
        title=_("Give and take"),
        description=_("Favours given and received each month of the last year."),
        labels=[_month_label(m) for m in months],
        series=[
            Series(_("Given"), [given.get(m, 0) for m in months]),
            Series(_("Received"), [received.get(m, 0) for m in months]),
        ],
        label_header=_("Month"),
        empty_message=_("No favour logged in the last year."),
    )


def insights_data(*, owner: User, today: dt.date | None = None) -> Insights:
    """Every chart of the insights page for one owner."""
    today = today or timezone.localdate()
    result = Insights(today=today)
    result.charts.append(network_growth(owner=owner, today=today))
    result.charts.append(interactions_by_channel(owner=owner, today=today))
    challenge = challenge_progress(owner=owner, today=today)
    if challenge is not None:
        result.charts.append(challenge)
    else:
        result.missing.append(_("No challenge started yet: start one to see its daily progress."))
    summary = event_yield_by_kind_and_size(owner=owner)
    result.charts.append(event_yield(summary=summary))
    result.charts.append(event_yield_by_kind(summary=summary))
    result.charts.append(pipeline_funnel(owner=owner))
    result.charts.append(giving_balance(owner=owner, today=today))
    return result


@require_GET
def insights_view(request: HttpRequest) -> HttpResponse:
    """The insights page."""
    data = insights_data(owner=owner_of(request))
    return render(request, "pipeline/insights.html", {"insights": data})
