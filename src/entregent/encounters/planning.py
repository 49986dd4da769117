"""Preparing an upcoming event: whether I go, my one-line introduction, who I know who is going,
who I want to meet — and the prep list that puts one reminder next to each of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput
from entregent.core.services import ensure_choice, ensure_owned, full_clean_or_raise
from entregent.core.validators import clean_text
from entregent.encounters.choices import Attendance
from entregent.encounters.models import Encounter, Event
from entregent.encounters.selectors import event_get
from entregent.followups.cadence import PENDING
from entregent.followups.models import FollowUp
from entregent.people.choices import FactKind
from entregent.people.models import Fact, Person

MAX_PEOPLE = 200
TOPIC_LENGTH = 90


def _people(owner: User, people: Sequence[Person], field: str) -> list[Person]:
    unique = list({p.pk: p for p in people}.values())
    if len(unique) > MAX_PEOPLE:
        raise InvalidInput.for_field(
            field, _("Choose at most %(max)d people.") % {"max": MAX_PEOPLE}
        )
    for person in unique:
        ensure_owned(owner, person, field)
    return unique


@transaction.atomic
def event_plan(
    *,
    event: Event,
    attendance: str | None = None,
    my_intro: str | None = None,
    want_to_meet: str | None = None,
    expected_people: Sequence[Person] | None = None,
    wanted_people: Sequence[Person] | None = None,
) -> Event:
    """Plan an event: what is given changes, what is left out (None) stays.

    `attendance` is planned, attended, skipped or "" (not said); the people lists replace
    the current ones.
    """
    owner = event.owner
    if attendance is not None:
        if attendance != "":
            ensure_choice(attendance, Attendance, "attendance")
        event.attendance = attendance
    if my_intro is not None:
        event.my_intro = clean_text(my_intro)
    if want_to_meet is not None:
        event.want_to_meet = clean_text(want_to_meet, multiline=True)
    expected = _people(owner, expected_people, "expected_people") if expected_people else []
    wanted = _people(owner, wanted_people, "wanted_people") if wanted_people else []
    full_clean_or_raise(event, exclude=["owner"])
    event.save()
    if expected_people is not None:
        event.expected_people.set(expected)
    if wanted_people is not None:
        event.wanted_people.set(wanted)
    return event


# The prep list ------------------------------------------------------------------------------


@dataclass
class PrepPerson:
    """Someone on the prep list, with what to remember before seeing them."""

    person: Person
    last_met: dt.datetime | None
    last_topic: str
    open_followup: str
    offer: str
    need: str

    @property
    def reminder(self) -> str:
        """One line: last topic, open follow-up, what they offer or need."""
        parts = []
        if self.last_topic:
            parts.append(_("last time: %(topic)s") % {"topic": self.last_topic})
        elif self.last_met is None:
            parts.append(_("never met yet"))
        if self.open_followup:
            parts.append(_("open follow-up: %(topic)s") % {"topic": self.open_followup})
        if self.need:
            parts.append(_("needs %(need)s") % {"need": self.need})
        if self.offer:
            parts.append(_("offers %(offer)s") % {"offer": self.offer})
        return "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.person.pk,
            "name": self.person.full_name,
            "headline": self.person.headline,
            "last_met": self.last_met.isoformat() if self.last_met else None,
            "last_topic": self.last_topic,
            "open_followup": self.open_followup,
            "offer": self.offer,
            "need": self.need,
            "reminder": self.reminder,
        }


@dataclass
class EventPrep:
    """The prep list of an event: who is going, who I want to meet, my introduction."""

    event: Event
    upcoming: bool
    going: list[PrepPerson]
    wanted: list[PrepPerson]
    want_to_meet: list[str]

    def as_dict(self) -> dict[str, Any]:
        e = self.event
        return {
            "event": {
                "id": e.pk,
                "name": e.name,
                "kind": e.kind,
                "date": e.date.isoformat(),
                "place": e.place,
                "size": e.size,
                "attendance": e.attendance,
            },
            "upcoming": self.upcoming,
            "my_intro": e.my_intro,
            "going": [p.as_dict() for p in self.going],
            "want_to_meet": {
                "people": [p.as_dict() for p in self.wanted],
                "others": self.want_to_meet,
            },
        }


def _first_line(text: str) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= TOPIC_LENGTH else line[: TOPIC_LENGTH - 1].rstrip() + "…"


def _with_reminders(owner: User, people: QuerySet[Person]) -> list[PrepPerson]:
    """These people with their last encounter, open follow-up, offer and need: one query."""
    last = Encounter.objects.filter(owner=owner, participants=OuterRef("pk")).order_by(
        "-occurred_at", "-id"
    )
    followup = FollowUp.objects.filter(
        owner=owner, person=OuterRef("pk"), status__in=PENDING
    ).order_by("due_on", "id")

    def fact(kind: str) -> Subquery:
        rows = Fact.objects.filter(owner=owner, person=OuterRef("pk"), kind=kind)
        return Subquery(rows.order_by("-created", "-id").values("text")[:1])

    rows = (
        people.filter(owner=owner)
        .annotate(
            prep_last_met=Subquery(last.values("occurred_at")[:1]),
            prep_last_summary=Subquery(last.values("summary")[:1]),
            prep_followup_topic=Subquery(followup.values("topic")[:1]),
            prep_followup_kind=Subquery(followup.values("kind")[:1]),
            prep_offer=fact(FactKind.OFFER),
            prep_need=fact(FactKind.NEED),
        )
        .order_by("sort_name", "id")[:MAX_PEOPLE]
    )
    found = []
    for person in rows:
        row: Any = person
        open_followup = ""
        if row.prep_followup_kind:
            open_followup = row.prep_followup_topic or str(
                FollowUp(kind=row.prep_followup_kind).get_kind_display()
            )
        found.append(
            PrepPerson(
                person=person,
                last_met=row.prep_last_met,
                last_topic=_first_line(row.prep_last_summary or ""),
                open_followup=_first_line(open_followup),
                offer=_first_line(row.prep_offer or ""),
                need=_first_line(row.prep_need or ""),
            )
        )
    return found


def event_prep(*, owner: User, pk: int | str, today: dt.date | None = None) -> EventPrep:
    """The prep list of one of the owner's events (three queries)."""
    event = event_get(owner=owner, pk=pk)
    today = today or timezone.localdate()
    return EventPrep(
        event=event,
        upcoming=event.date >= today,
        going=_with_reminders(owner, Person.objects.filter(expected_at_events=event)),
        wanted=_with_reminders(owner, Person.objects.filter(wanted_at_events=event)),
        want_to_meet=[line.strip() for line in event.want_to_meet.splitlines() if line.strip()],
    )


def upcoming_events(*, owner: User, today: dt.date | None = None) -> QuerySet[Event]:
    """Events still to come (today included), soonest first, unless skipped."""
    today = today or timezone.localdate()
    return (
        Event.objects.filter(owner=owner, date__gte=today)
        .exclude(attendance=Attendance.SKIPPED)
        .order_by("date", "id")
    )
