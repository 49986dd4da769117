"""What is due for one owner on one day, as plain items the feed and the digest render.

The Today agenda (`followups.selectors.today_agenda`) is the source of truth when it
exists; until then, and for anything it does not return, the same rules are read
straight from the rows: open follow-ups due by today, check-ins due (when people carry
a `next_check_in`), and milestones in the coming week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractDay, ExtractMonth

from entregent.accounts.models import User
from entregent.followups.models import FollowUp
from entregent.people.models import Milestone, Person

MILESTONE_DAYS_AHEAD = 7
OPEN_STATUSES = ("open", "snoozed")


@dataclass(frozen=True)
class AgendaItem:
    """One thing to do: follow up, check in, or congratulate."""

    kind: str  # "follow_up", "check_in", "congratulate" (or any follow-up kind)
    person_id: int
    person_name: str
    due_on: dt.date
    topic: str = ""
    followup_id: int | None = None

    def overdue_days(self, today: dt.date) -> int:
        return max(0, (today - self.due_on).days)


def has_person_field(name: str) -> bool:
    """Whether Person has this field yet (the cadence fields arrive with the follow-up work)."""
    try:
        Person._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _from_today_agenda(owner: User, today: dt.date) -> list[AgendaItem] | None:
    try:
        from entregent.followups.selectors import today_agenda  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    agenda: Any = today_agenda(owner=owner, today=today)
    sections = getattr(agenda, "sections", None)
    found: list[Any] = (
        [item for section in sections for item in section.items]
        if sections is not None
        else list(getattr(agenda, "items", []))
    )
    result = []
    for item in found:
        person: Any = getattr(item, "person", None)
        person_id: Any = getattr(item, "person_id", None) or getattr(person, "pk", 0)
        kind = getattr(item, "followup_kind", "") or getattr(item, "kind", "follow_up")
        due = getattr(item, "due_on", None) or today
        result.append(
            AgendaItem(
                kind=str(getattr(kind, "value", kind)),
                person_id=int(person_id),
                person_name=str(
                    getattr(item, "person_name", None) or getattr(person, "full_name", "")
                ),
                due_on=due.date() if isinstance(due, dt.datetime) else due,
                topic=str(getattr(item, "topic", "") or ""),
                followup_id=getattr(item, "followup_id", None),
            )
        )
    return result


def yearly_on(days: Iterable[dt.date]) -> Q:
    """Milestones that recur on any of these days of the year (one query, any year)."""
    condition = Q(pk__in=[])
    for day in days:
        condition |= Q(month=day.month, day=day.day)
    return condition


def milestones_between(owner: User, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """Milestones of people not archived that fall between two dates (yearly ones by day)."""
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    rows = (
        Milestone.objects.filter(owner=owner, person__archived=False)
        .annotate(month=ExtractMonth("date"), day=ExtractDay("date"))
        .filter(Q(yearly=False, date__range=(start, end)) | (Q(yearly=True) & yearly_on(days)))
        .values_list("kind", "date", "yearly", "note", "person_id", "person__full_name")
    )
    items = []
    for kind, date, yearly, note, person_id, name in rows:
        when = date
        if yearly:
            when = next(d for d in days if (d.month, d.day) == (date.month, date.day))
        label = str(dict(Milestone._meta.get_field("kind").flatchoices).get(kind, kind))
        items.append(
            AgendaItem(
                kind="congratulate",
                person_id=person_id,
                person_name=name,
                due_on=when,
                topic=f"{label} · {note}" if note else label,
            )
        )
    return items


def _from_rows(owner: User, today: dt.date) -> list[AgendaItem]:
    items = [
        AgendaItem(
            kind=kind,
            person_id=person_id,
            person_name=name,
            due_on=due_on,
            topic=topic,
            followup_id=pk,
        )
        for pk, kind, due_on, topic, person_id, name in FollowUp.objects.filter(
            owner=owner, status__in=OPEN_STATUSES, due_on__lte=today, person__archived=False
        )
        .order_by("due_on", "id")
        .values_list("pk", "kind", "due_on", "topic", "person_id", "person__full_name")
    ]
    if has_person_field("next_check_in"):
        items += [
            AgendaItem(kind="check_in", person_id=pk, person_name=name, due_on=due_on or today)
            for pk, name, due_on in Person.objects.filter(
                owner=owner, archived=False, next_check_in__lte=today
            )
            .exclude(
                Exists(FollowUp.objects.filter(person=OuterRef("pk"), status__in=OPEN_STATUSES))
            )
            .order_by("next_check_in", "id")
            .values_list("pk", "full_name", "next_check_in")[:200]
        ]
    items += milestones_between(owner, today, today + dt.timedelta(days=MILESTONE_DAYS_AHEAD))
    return items


def agenda_items(*, owner: User, today: dt.date) -> list[AgendaItem]:
    """The owner's Today items: from the Today agenda when it exists, else from the rows."""
    items = _from_today_agenda(owner, today)
    return items if items is not None else _from_rows(owner, today)
