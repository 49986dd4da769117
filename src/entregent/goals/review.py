"""The challenge review: what was done, who was met, which relationships lasted, which
sources worked; and its exports (Markdown, JSON, CSV).

A fixed number of grouped queries whatever the size of the network: the people met are
the challenge's new connections (bounded by its days, listed up to `PEOPLE_LIMIT`), and
what became of them is read in one aggregate per question.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.goals import engine
from entregent.goals.choices import GoalMetric
from entregent.goals.models import Goal
from entregent.goals.selectors import (
    MetricUnavailable,
    Participation,
    _bounds,
    _first_meaningful,
    goal_progress,
    metric_per_day,
)
from entregent.people.choices import ConnectionKind
from entregent.people.models import Connection

PEOPLE_LIMIT = 500
LASTED_DAYS = (30, 90)
SOURCES = ("introduction", "event", "pitch", "other")


def source_labels() -> dict[str, str]:
    return {
        "introduction": _("Introductions"),
        "event": _("Events"),
        "pitch": _("Cold pitches"),
        "other": _("Other"),
    }


@dataclass
class MetPerson:
    """Someone first met during the challenge, how, and whether the relationship lasted
    (None: too early to tell)."""

    person_id: int
    name: str
    first_met: dt.date
    source: str
    event: str = ""
    lasted: dict[int, bool | None] = field(default_factory=dict)


@dataclass
class SourceRow:
    key: str
    label: str
    people: int
    lasted_30: int
    lasted_90: int


@dataclass
class DoneRow:
    metric: str
    label: str
    count: int | None  # None: the metric is not available


@dataclass
class ChallengeReview:
    goal: Goal
    start: dt.date
    end: dt.date  # the last day reviewed (today while it runs)
    finished: bool
    days_met: int
    days_elapsed: int
    done: list[DoneRow]
    people: list[MetPerson]
    people_count: int
    lasted: dict[int, tuple[int, int, int]]  # days → (lasted, did not, too early)
    sources: list[SourceRow]


def _pitched_ids(owner: Any, ids: list[int]) -> set[int]:
    try:
        from entregent.pipeline.models import Opportunity
    except ImportError:
        return set()
    rows = Opportunity.people.through.objects.filter(
        person_id__in=ids, opportunity__owner=owner, opportunity__kind__in=engine.PITCH_KINDS
    ).values_list("person_id", flat=True)
    return set(rows)


def _met_people(owner: Any, start: dt.date, end: dt.date) -> list[MetPerson]:
    """The people first met from start to end, how they came, and whether they lasted."""
    since, until = _bounds(start, end)
    rows = (
        _first_meaningful(owner)
        .filter(encounter__occurred_at__gte=since, encounter__occurred_at__lt=until)
        .order_by("encounter__occurred_at", "person_id")
        .values(
            "person_id",
            "person__full_name",
            "person__introduced_by_id",
            "encounter__occurred_at",
            "encounter__event__name",
        )[: PEOPLE_LIMIT * 2]
    )
    met: dict[int, MetPerson] = {}
    introduced: set[int] = set()
    for row in rows:
        pid = row["person_id"]
        if pid in met:
            continue
        if len(met) >= PEOPLE_LIMIT:
            break
        if row["person__introduced_by_id"]:
            introduced.add(pid)
        met[pid] = MetPerson(
            person_id=pid,
            name=row["person__full_name"],
            first_met=timezone.localdate(row["encounter__occurred_at"]),
            source="other",
            event=row["encounter__event__name"] or "",
        )
    ids = list(met)
    if ids:
        pairs = Connection.objects.for_owner(owner).filter(
            Q(from_person_id__in=ids) | Q(to_person_id__in=ids), kind=ConnectionKind.INTRODUCED
        )
        for a, b in pairs.values_list("from_person_id", "to_person_id"):
            introduced.update({a, b} & met.keys())
        pitched = _pitched_ids(owner, ids)
        last_seen = {
            row["person_id"]: row["last"]
            for row in Participation.objects.filter(
                person_id__in=ids, encounter__owner=owner, encounter__meaningful=True
            )
            .values("person_id")
            .annotate(last=Max("encounter__occurred_at"))
        }
        now_day = timezone.localdate()
        for pid, person in met.items():
            if pid in introduced:
                person.source = "introduction"
            elif person.event:
                person.source = "event"
            elif pid in pitched:
                person.source = "pitch"
            last = last_seen.get(pid)
            last_day = timezone.localdate(last) if last else person.first_met
            for days in LASTED_DAYS:
                due = person.first_met + dt.timedelta(days=days)
                if last_day >= due:
                    person.lasted[days] = True
                elif now_day < due:
                    person.lasted[days] = None
                else:
                    person.lasted[days] = False
    return list(met.values())


def challenge_review(*, goal: Goal, today: dt.date | None = None) -> ChallengeReview:
    """The review of a challenge, any time and at its end."""
    owner = goal.owner
    today = today or timezone.localdate()
    assert goal.start_on is not None
    assert goal.end_on is not None
    start, end = goal.start_on, min(goal.end_on, max(today, goal.start_on))
    progress = goal_progress(goal=goal, today=today, with_pace=False).progress
    labels = dict(GoalMetric.choices)
    done: list[DoneRow] = []
    for metric in GoalMetric.values:
        try:
            counted: int | None = sum(
                metric_per_day(owner=owner, metric=metric, start=start, end=end).values()
            )
        except MetricUnavailable:
            counted = None
        done.append(DoneRow(metric, str(labels[metric]), counted))
    people_count = next(d.count for d in done if d.metric == GoalMetric.NEW_CONNECTIONS) or 0

    people = _met_people(owner, start, end)
    lasted = {
        days: (
            sum(1 for p in people if p.lasted.get(days) is True),
            sum(1 for p in people if p.lasted.get(days) is False),
            sum(1 for p in people if p.lasted.get(days) is None),
        )
        for days in LASTED_DAYS
    }
    names = source_labels()
    sources = [
        SourceRow(
            key,
            names[key],
            sum(1 for p in people if p.source == key),
            sum(1 for p in people if p.source == key and p.lasted.get(30)),
            sum(1 for p in people if p.source == key and p.lasted.get(90)),
        )
        for key in SOURCES
    ]
    return ChallengeReview(
        goal=goal,
        start=start,
        end=end,
        finished=today > goal.end_on,
        days_met=progress.days_met if progress else 0,
        days_elapsed=progress.days_elapsed if progress else 0,
        done=done,
        people=people,
        people_count=max(people_count, len(people)),
        lasted=lasted,
        sources=sources,
    )


# Exports ----------------------------------------------------------------------------------


def _lasted_text(value: bool | None) -> str:
    if value is None:
        return _("too early to tell")
    return _("yes") if value else _("no")


def review_json(review: ChallengeReview) -> dict[str, Any]:
    """The review as plain data (the API's and `challenge review --json`'s shape)."""
    goal = review.goal
    return {
        "challenge": {
            "id": goal.pk,
            "title": str(goal),
            "metric": goal.metric,
            "target": goal.target,
            "challenge_target": goal.challenge_target,
            "start_on": goal.start_on,
            "end_on": goal.end_on,
            "length_days": goal.length_days,
        },
        "reviewed_until": review.end,
        "finished": review.finished,
        "days_met": review.days_met,
        "days_elapsed": review.days_elapsed,
        "done": [{"metric": d.metric, "label": d.label, "count": d.count} for d in review.done],
        "people_count": review.people_count,
        "people": [
            {
                "id": p.person_id,
                "full_name": p.name,
                "first_met": p.first_met,
                "source": p.source,
                "event": p.event,
                "active_after_30_days": p.lasted.get(30),
                "active_after_90_days": p.lasted.get(90),
            }
            for p in review.people
        ],
        "lasted": {
            str(days): {"lasted": a, "did_not": b, "too_early": c}
            for days, (a, b, c) in review.lasted.items()
        },
        "sources": [
            {
                "source": s.key,
                "label": s.label,
                "people": s.people,
                "active_after_30_days": s.lasted_30,
                "active_after_90_days": s.lasted_90,
            }
            for s in review.sources
        ],
    }


def _md(text: str) -> str:
    """Text safe in a Markdown table cell or line."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def review_markdown(review: ChallengeReview) -> str:
    """The review as a Markdown report, in the active language."""
    goal = review.goal
    lines = [
        f"# {_md(str(goal))}",
        "",
        _("From %(start)s to %(end)s · %(met)s of %(days)s days met.")
        % {
            "start": review.start.isoformat(),
            "end": (goal.end_on or review.end).isoformat(),
            "met": review.days_met,
            "days": review.days_elapsed,
        },
        "",
        f"## {_('What was done')}",
        "",
    ]
    for row in review.done:
        count = _("not available") if row.count is None else str(row.count)
        lines.append(f"- {_md(row.label)}: {count}")
    lines += ["", f"## {_('Who was met')}", ""]
    if review.people:
        lines += [
            "| "
            + " | ".join(
                [_("Person"), _("First met"), _("Source"), _("After 30 days"), _("After 90 days")]
            )
            + " |",
            "|---|---|---|---|---|",
        ]
        names = source_labels()
        for p in review.people:
            source = names[p.source] + (f" ({_md(p.event)})" if p.event else "")
            lines.append(
                f"| {_md(p.name)} | {p.first_met.isoformat()} | {source} | "
                f"{_lasted_text(p.lasted.get(30))} | {_lasted_text(p.lasted.get(90))} |"
            )
    else:
        lines.append(_("Nobody new yet."))
    lines += ["", f"## {_('Which relationships lasted')}", ""]
    for days, (kept, lost, early) in review.lasted.items():
        lines.append(
            _(
                "- After %(days)s days: %(kept)s still active, %(lost)s not, "
                "%(early)s too early to tell."
            )
            % {"days": days, "kept": kept, "lost": lost, "early": early}
        )
    lines += ["", f"## {_('Which sources worked')}", ""]
    for s in review.sources:
        lines.append(
            _("- %(source)s: %(people)s people, %(kept)s still active after 30 days.")
            % {"source": s.label, "people": s.people, "kept": s.lasted_30}
        )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    # A leading = + - @ would run as a formula in a spreadsheet.
    return "'" + text if text and text[0] in "=+-@" else text


def review_csv(review: ChallengeReview) -> str:
    """The people met during the challenge, one row each."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["person_id", "full_name", "first_met", "source", "event", "after_30_days", "after_90_days"]
    )
    for p in review.people:
        writer.writerow(
            [
                p.person_id,
                _cell(p.name),
                p.first_met.isoformat(),
                p.source,
                _cell(p.event),
                "" if p.lasted.get(30) is None else str(p.lasted[30]).lower(),
                "" if p.lasted.get(90) is None else str(p.lasted[90]).lower(),
            ]
        )
    return out.getvalue()
