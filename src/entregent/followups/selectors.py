"""Reads of follow-ups, and the Today agenda."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from entregent.accounts.models import User
from entregent.core.errors import NotFound
from entregent.encounters.models import Encounter
from entregent.followups.cadence import PENDING
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.people.choices import Circle, MilestoneKind
from entregent.people.models import Fact, Milestone, Person


def followup_get(*, owner: User, pk: int | str) -> FollowUp:
    """One of the owner's follow-ups, or NotFound (also for another owner's id)."""
    try:
        return FollowUp.objects.get(owner=owner, pk=int(pk))
    except (FollowUp.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such follow-up.")) from None


def followup_list(
    *, owner: User, person: Person | None = None, status: str = ""
) -> QuerySet[FollowUp]:
    """The owner's follow-ups, soonest due first, of one person or everyone, by status."""
    qs = FollowUp.objects.filter(owner=owner)
    if person is not None:
        qs = qs.filter(person=person)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("due_on", "id")


# The "mark these done" offer after logging an encounter --------------------------------


def followups_open_for(
    *, owner: User, people: Sequence[Person], exclude_encounter: Encounter | None = None
) -> QuerySet[FollowUp]:
    """Pending (open or snoozed) follow-ups of these people, soonest due first, leaving out
    those an encounter just created."""
    qs = FollowUp.objects.filter(
        owner=owner, person__in=[p.pk for p in people], status__in=PENDING
    ).select_related("person")
    if exclude_encounter is not None:
        qs = qs.exclude(source_encounter=exclude_encounter)
    return qs.order_by("due_on", "id")


def followup_history(*, owner: User, status: str = "") -> QuerySet[FollowUp]:
    """Follow-ups for the list page: pending ones soonest first, closed ones latest first."""
    qs = FollowUp.objects.filter(owner=owner).select_related("person")
    if status:
        qs = qs.filter(status=status)
    if status in {FollowUpStatus.DONE, FollowUpStatus.DISMISSED}:
        return qs.order_by("-updated", "-id")
    return qs.order_by("due_on", "id")


# Today --------------------------------------------------------------------------------

SECTION_LIMIT = 50
# Counting stops here: "more than 1,000 due" says enough and keeps the count bounded.
COUNT_CAP = 1000
CIRCLE_RANK: dict[str, int] = {
    Circle.INNER.value: 0,
    Circle.ACTIVE.value: 1,
    Circle.WEAK.value: 2,
    Circle.DORMANT.value: 3,
}


class ItemKind(models.TextChoices):
    """What a Today item asks for."""

    FOLLOW_UP = "follow_up", _l("Follow up")
    CHECK_IN = "check_in", _l("Check in")
    CONGRATULATE = "congratulate", _l("Congratulate")


@dataclass(frozen=True)
class AgendaItem:
    """One thing to do today. `followup_id` is set when a follow-up stands behind it;
    check-ins and congratulations get one when first acted on."""

    kind: str
    followup_kind: str
    person_id: int
    person_name: str
    circle: str
    due_on: dt.date
    overdue_days: int
    topic: str
    followup_id: int | None = None
    status: str = ""
    milestone_id: int | None = None
    milestone_kind: str = ""

    @property
    def circle_label(self) -> str:
        return str(Circle(self.circle).label) if self.circle in Circle.values else self.circle

    @property
    def kind_label(self) -> str:
        return str(ItemKind(self.kind).label)


@dataclass(frozen=True)
class AgendaSection:
    """Items of one kind, ranked, at most `SECTION_LIMIT`; `total` counts them all (up to
    `COUNT_CAP`, then `capped` is true)."""

    key: str
    items: list[AgendaItem]
    total: int
    capped: bool = False

    @property
    def more(self) -> int:
        return max(0, self.total - len(self.items))

    @property
    def title(self) -> str:
        return str(SECTION_TITLES[self.key])


SECTION_TITLES = {
    "overdue": _l("Overdue"),
    "due": _l("Due today"),
    "check_ins": _l("Time to check in"),
    "congratulations": _l("Congratulate"),
}


@dataclass(frozen=True)
class TodayAgenda:
    """What to do now: overdue and due follow-ups, check-ins due, milestones coming up."""

    today: dt.date
    overdue: AgendaSection
    due: AgendaSection
    check_ins: AgendaSection
    congratulations: AgendaSection

    @property
    def sections(self) -> list[AgendaSection]:
        return [self.overdue, self.due, self.check_ins, self.congratulations]

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def _rank(item: AgendaItem) -> tuple[int, int, int, int]:
    """Oldest overdue first, then the closer circle, then items with a topic to talk about."""
    return (
        -item.overdue_days,
        CIRCLE_RANK.get(item.circle, 9),
        0 if item.topic else 1,
        item.person_id,
    )


def _followup_item(row: dict[str, Any], today: dt.date) -> AgendaItem:
    kind = row["kind"]
    return AgendaItem(
        kind=kind if kind in {ItemKind.CHECK_IN, ItemKind.CONGRATULATE} else ItemKind.FOLLOW_UP,
        followup_kind=kind,
        person_id=row["person_id"],
        person_name=row["person__full_name"],
        circle=row["person__circle"],
        due_on=row["due_on"],
        overdue_days=max(0, (today - row["due_on"]).days),
        topic=row["topic"],
        followup_id=row["id"],
        status=row["status"],
    )


_FOLLOWUP_COLUMNS = (
    "id",
    "person_id",
    "due_on",
    "kind",
    "topic",
    "status",
    "person__full_name",
    "person__circle",
)


def _followup_sections(owner: User, today: dt.date) -> tuple[AgendaSection, AgendaSection]:
    # Each status and each side of today is its own bounded read walking (owner, status,
    # due_on) in order, which an IN over both statuses could not; plain rows, no models.
    overdue_rows: list[dict[str, Any]] = []
    due_rows: list[dict[str, Any]] = []
    overdue_total = due_total = 0
    for status in PENDING:
        base = FollowUp.objects.filter(owner=owner, status=status, person__archived=False)
        for rows, totals, qs in (
            (overdue_rows, "overdue", base.filter(due_on__lt=today).order_by("due_on", "id")),
            (due_rows, "due", base.filter(due_on=today).order_by("id")),
        ):
            found = list(qs.values(*_FOLLOWUP_COLUMNS)[:SECTION_LIMIT])
            rows.extend(found)
            # Counted only when the page is full, and only up to COUNT_CAP.
            count = (
                len(found) if len(found) < SECTION_LIMIT else qs.order_by()[: COUNT_CAP + 1].count()
            )
            if totals == "overdue":
                overdue_total += count
            else:
                due_total += count
    overdue = sorted((_followup_item(r, today) for r in overdue_rows), key=_rank)
    due = sorted((_followup_item(r, today) for r in due_rows), key=_rank)
    return (
        AgendaSection(
            "overdue",
            overdue[:SECTION_LIMIT],
            min(overdue_total, COUNT_CAP),
            capped=overdue_total > COUNT_CAP,
        ),
        AgendaSection(
            "due", due[:SECTION_LIMIT], min(due_total, COUNT_CAP), capped=due_total > COUNT_CAP
        ),
    )


def _check_in_section(owner: User, today: dt.date) -> AgendaSection:
    pending = FollowUp.objects.filter(person=OuterRef("pk"), status__in=PENDING)
    base = Person.objects.filter(owner=owner, next_check_in__lte=today, archived=False).exclude(
        Exists(pending)
    )
    people = list(
        base.only("id", "full_name", "circle", "next_check_in").order_by("next_check_in", "id")[
            :SECTION_LIMIT
        ]
    )
    total = len(people) if len(people) < SECTION_LIMIT else base.order_by()[: COUNT_CAP + 1].count()
    items = sorted(
        (
            AgendaItem(
                kind=ItemKind.CHECK_IN,
                followup_kind=FollowUpKind.CHECK_IN,
                person_id=p.pk,
                person_name=p.full_name,
                circle=p.circle,
                due_on=p.next_check_in or today,
                overdue_days=max(0, (today - (p.next_check_in or today)).days),
                topic="",
            )
            for p in people
        ),
        key=_rank,
    )
    return AgendaSection("check_ins", items, min(total, COUNT_CAP), capped=total > COUNT_CAP)


def milestone_occurrence(milestone: Milestone, today: dt.date, ahead: int) -> dt.date | None:
    """The day a milestone falls on in [today, today + ahead]: every year for a yearly one
    (a 29 February birthday on the 28th in other years), else its own date."""
    end = today + dt.timedelta(days=ahead)
    if not milestone.yearly:
        return milestone.date if today <= milestone.date <= end else None
    for year in range(today.year, end.year + 1):
        month, day = milestone.date.month, milestone.date.day
        if (month, day) == (2, 29) and not calendar.isleap(year):
            day = 28
        when = dt.date(year, month, day)
        if today <= when <= end:
            return when
    return None


def _bounded(
    qs: QuerySet[Milestone], order: tuple[str, ...], limit: int
) -> tuple[list[Milestone], int]:
    """Up to `limit` rows in index order, and how many there are (counted only when the
    page is full, and only up to `COUNT_CAP`)."""
    rows = list(
        qs.select_related("person")
        .only("id", "kind", "date", "yearly", "note", "person__full_name", "person__circle")
        .order_by(*order)[:limit]
    )
    total = len(rows) if len(rows) < limit else qs.order_by()[: COUNT_CAP + 1].count()
    return rows, total


def _congratulation_section(owner: User, today: dt.date) -> AgendaSection:
    ahead = owner.congratulate_days_ahead
    days = [today + dt.timedelta(days=n) for n in range(ahead + 1)]
    # The window's month-days in calendar order, split where it crosses New Year, so each
    # part reads the (owner, month_day) index in the order the days come.
    segments: list[list[int]] = [[]]
    for d in days:
        if segments[-1] and d.month == 1 and d.day == 1:
            segments.append([])
        segments[-1].append(d.month * 100 + d.day)
        if d.month == 2 and d.day == 28 and not calendar.isleap(d.year):
            segments[-1].append(229)
    base = Milestone.objects.filter(owner=owner, person__archived=False)
    milestones: list[Milestone] = []
    total = 0
    limit = SECTION_LIMIT * 2
    for segment in segments:
        rows, count = _bounded(
            base.filter(yearly=True, month_day__in=segment), ("month_day", "id"), limit
        )
        milestones += rows
        total += count
    rows, count = _bounded(
        base.filter(yearly=False, date__gte=today, date__lte=days[-1]), ("date", "id"), limit
    )
    milestones += rows
    total += count
    # Congratulations already acted on (done, snoozed, dismissed) stand as follow-ups.
    acted = set(
        FollowUp.objects.filter(
            Q(due_on__gte=today, due_on__lte=days[-1]) | Q(status__in=PENDING),
            owner=owner,
            kind=FollowUpKind.CONGRATULATE,
            person__in={m.person_id for m in milestones},
        ).values_list("person_id", flat=True)
    )
    # get_kind_display() hashes every choice on each call: translate the labels once.
    kind_labels = {value: str(label) for value, label in MilestoneKind.choices}
    items = []
    for m in milestones:
        when = milestone_occurrence(m, today, ahead)
        if when is None or m.person_id in acted:
            continue
        items.append(
            AgendaItem(
                kind=ItemKind.CONGRATULATE,
                followup_kind=FollowUpKind.CONGRATULATE,
                person_id=m.person_id,
                person_name=m.person.full_name,
                circle=m.person.circle,
                due_on=when,
                overdue_days=0,
                topic=m.note or kind_labels.get(m.kind, m.kind),
                milestone_id=m.pk,
                milestone_kind=m.kind,
            )
        )
    items.sort(key=lambda i: (i.due_on, CIRCLE_RANK.get(i.circle, 9), i.person_id))
    total = max(total - (len(milestones) - len(items)), len(items))
    return AgendaSection(
        "congratulations", items[:SECTION_LIMIT], min(total, COUNT_CAP), capped=total > COUNT_CAP
    )


def today_agenda(*, owner: User, today: dt.date | None = None) -> TodayAgenda:
    """What to do today, ranked by how overdue, then circle (inner first), then open topic.

    A fixed number of bounded, indexed queries whatever the size of the network: due dates
    are stored (follow-ups' `due_on`, people's `next_check_in`), never recomputed here.
    """
    today = today or timezone.localdate()
    overdue, due = _followup_sections(owner, today)
    return TodayAgenda(
        today=today,
        overdue=overdue,
        due=due,
        check_ins=_check_in_section(owner, today),
        congratulations=_congratulation_section(owner, today),
    )


def agenda_item_when(
    *, owner: User, person: Person, kind: str, today: dt.date | None = None
) -> tuple[dt.date, str]:
    """The day and topic of a person's Today check-in or congratulation, for acting on it
    by person (API, CLI): the check-in's due day (today when not yet due); the nearest
    milestone in the coming days with its note or kind (today and no topic when none)."""
    today = today or timezone.localdate()
    if kind != FollowUpKind.CONGRATULATE:
        due = person.next_check_in
        return (due if due is not None and due <= today else today), ""
    ahead = owner.congratulate_days_ahead
    kind_labels = {value: str(label) for value, label in MilestoneKind.choices}
    found = [
        (when, m.note or kind_labels.get(m.kind, m.kind))
        for m in Milestone.objects.filter(owner=owner, person=person).order_by("id")
        if (when := milestone_occurrence(m, today, ahead)) is not None
    ]
    return min(found, key=lambda pair: pair[0]) if found else (today, "")


@dataclass(frozen=True)
class TodayHints:
    """What the account has so far: steers the empty states towards the next useful step."""

    has_people: bool
    has_encounters: bool
    has_me_facts: bool
    has_open_followups: bool


def today_hints(*, owner: User) -> TodayHints:
    """Four indexed existence checks, cheap at any size."""
    return TodayHints(
        has_people=Person.objects.filter(owner=owner, archived=False).exists(),
        has_encounters=Encounter.objects.filter(owner=owner).exists(),
        has_me_facts=Fact.objects.filter(owner=owner, person__isnull=True).exists(),
        has_open_followups=FollowUp.objects.filter(owner=owner, status__in=PENDING).exists(),
    )
