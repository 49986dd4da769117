"""The private iCalendar feed: follow-ups, check-ins and milestones as all-day events.

Written as a stream: the calendar's header, then each component serialised on its own
by the icalendar library (which folds long lines), so a network of 100k people is never
held in memory as one document. Items are bounded to a window (30 days back, a year
ahead); yearly milestones are one recurring event each (RRULE:FREQ=YEARLY). One query
per kind of item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import icalendar
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.followups.models import FollowUp
from entregent.people.models import Milestone, Person
from entregent.reminders.agenda import OPEN_STATUSES, has_person_field

DAYS_BACK = 30
DAYS_AHEAD = 366
PRODID = "-//Entregent//Reminders//EN"
UID_DOMAIN = "entregent"
CHUNK = 2000


def _person_url(person_id: int) -> str:
    return settings.ENTREGENT_BASE_URL + reverse("people:detail", args=[person_id])


def _event(
    uid: str, day: dt.date, summary: str, stamp: dt.datetime, person_id: int
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    url = _person_url(person_id)
    event.add("url", url)
    event.add("description", url)
    event.add("transp", "TRANSPARENT")
    return event


def _header(name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-published-ttl", "PT1H")
    text = calendar.to_ical()
    # The library writes BEGIN…END around the properties; the components go in between.
    return text[: text.rindex(b"END:VCALENDAR")]


def _followups(owner: User, start: dt.date, end: dt.date) -> Iterator[icalendar.Event]:
    kinds = dict(FollowUp._meta.get_field("kind").flatchoices)
    rows = (
        FollowUp.objects.filter(
            owner=owner,
            status__in=OPEN_STATUSES,
            due_on__range=(start, end),
            person__archived=False,
        )
        .order_by("due_on", "id")
        .values_list("pk", "kind", "due_on", "topic", "updated", "person_id", "person__full_name")
    )
    for pk, kind, due_on, topic, updated, person_id, name in rows.iterator(chunk_size=CHUNK):
        label = str(kinds.get(kind, kind))
        summary = _("%(kind)s: %(name)s") % {"kind": label, "name": name}
        if topic:
            summary = _("%(summary)s — %(topic)s") % {"summary": summary, "topic": topic}
        yield _event(f"followup-{pk}", due_on, summary, updated, person_id)


def _check_ins(owner: User, start: dt.date, end: dt.date) -> Iterator[icalendar.Event]:
    if not has_person_field("next_check_in"):
        return
    # As on Today: someone with a follow-up pending needs no separate check-in.
    pending = FollowUp.objects.filter(person=OuterRef("pk"), status__in=OPEN_STATUSES)
    rows = (
        Person.objects.filter(owner=owner, archived=False, next_check_in__range=(start, end))
        .exclude(Exists(pending))
        .order_by("next_check_in", "id")
        .values_list("pk", "full_name", "next_check_in", "updated")
    )
    for pk, name, due_on, updated in rows.iterator(chunk_size=CHUNK):
        if due_on is None:
            continue
        summary = _("Check in with %(name)s") % {"name": name}
        # The date is in the UID: a check-in that moves is a new reminder, the old one goes.
        yield _event(f"checkin-{pk}-{due_on:%Y%m%d}", due_on, summary, updated, pk)


def _milestones(owner: User, start: dt.date, end: dt.date) -> Iterator[icalendar.Event]:
    kinds = dict(Milestone._meta.get_field("kind").flatchoices)
    rows = (
        Milestone.objects.filter(owner=owner, person__archived=False)
        .filter(Q(yearly=True, date__lte=end) | Q(yearly=False, date__range=(start, end)))
        .order_by("date", "id")
        .values_list(
            "pk", "kind", "date", "yearly", "note", "updated", "person_id", "person__full_name"
        )
    )
    for pk, kind, date, yearly, note, updated, person_id, name in rows.iterator(chunk_size=CHUNK):
        summary = _("%(milestone)s: %(name)s") % {"milestone": kinds.get(kind, kind), "name": name}
        if note:
            summary = _("%(summary)s — %(topic)s") % {"summary": summary, "topic": note}
        event = _event(f"milestone-{pk}", date, summary, updated, person_id)
        if yearly:
            event.add("rrule", {"freq": "yearly"})
        yield event


def calendar_stream(*, owner: User, today: dt.date) -> Iterator[bytes]:
    """The owner's calendar as chunks of bytes, in the owner's language."""
    start, end = today - dt.timedelta(days=DAYS_BACK), today + dt.timedelta(days=DAYS_AHEAD)
    with translation.override(owner.language or settings.LANGUAGE_CODE):
        yield _header(_("Entregent reminders"))
        buffer: list[bytes] = []
        for source in (_followups, _check_ins, _milestones):
            for component in source(owner, start, end):
                buffer.append(component.to_ical())
                if len(buffer) >= 200:
                    yield b"".join(buffer)
                    buffer = []
        yield b"".join(buffer) + b"END:VCALENDAR\r\n"


def calendar_bytes(*, owner: User, today: dt.date) -> bytes:
    """The whole calendar at once (for the CLI and tests)."""
    return b"".join(calendar_stream(owner=owner, today=today))
