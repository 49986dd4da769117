"""The private iCalendar feed: follow-ups, check-ins and milestones as all-day events.

Written as a stream, so a big network is never held in memory as one document. Items
are bounded to a window (30 days back, a year ahead) and to MAX_PER_KIND of each kind,
nearest first; yearly milestones are one recurring event each (RRULE:FREQ=YEARLY). One
query per kind of item. Text the user typed is escaped and folded by the icalendar
library; the calendar is checked by parsing it back with it in the tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, When
from django.db.models.functions import ExtractDay, ExtractMonth
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar.parser import Contentline, Parameters

from entregent.accounts.models import User
from entregent.followups.models import FollowUp
from entregent.people.models import Milestone, Person
from entregent.reminders.agenda import OPEN_STATUSES, has_person_field

DAYS_BACK = 30
DAYS_AHEAD = 366
PRODID = "-//Entregent//Reminders//EN"
UID_DOMAIN = "entregent"
CHUNK = 2000
# At most this many items of each kind, nearest first: a feed stays a few MB and a few
# hundred milliseconds whatever the network (calendar apps choke on bigger ones anyway).
MAX_PER_KIND = 5000
FOLD_AT = 75  # octets per content line (RFC 5545, 3.1)
# Bumped whenever what the feed writes changes, so calendar apps fetch it anew (ETag).
FEED_FORMAT = 1
# The account's settings the feed depends on (the intervals move check-ins).
OWNER_FIELDS = (
    "cadence_inner_days",
    "cadence_active_days",
    "cadence_weak_days",
    "cadence_dormant_days",
    "congratulate_days_ahead",
)


def _date(day: dt.date) -> bytes:
    return b"%04d%02d%02d" % (day.year, day.month, day.day)


def _line(name: str, value: icalendar.vText | icalendar.vUri) -> bytes:
    """One content line: the value escaped by the library, folded by it when too long."""
    line = name.encode() + b":" + value.to_ical()
    if len(line) <= FOLD_AT:
        return line
    return bytes(Contentline.from_parts(name, Parameters(), value, sorted=False).to_ical())


class _Events:
    """Writes all-day VEVENTs. Building an icalendar.Event per item costs about 0.4 ms
    (40k birthdays would take 16 s), so the fixed ASCII lines are written here and only the
    text the user typed goes through the library's escaping and folding."""

    def __init__(self) -> None:
        marker = 987654321
        self.person_url = settings.ENTREGENT_BASE_URL + reverse("people:detail", args=[marker])
        self.marker = str(marker)

    def __call__(
        self,
        uid: str,
        day: dt.date,
        summary: str,
        stamp: dt.datetime,
        person_id: int,
        *,
        yearly: bool = False,
    ) -> bytes:
        url = self.person_url.replace(self.marker, str(person_id))
        lines = [
            b"BEGIN:VEVENT",
            # Our own ASCII: no escaping needed, and short enough never to be folded.
            f"UID:{uid}@{UID_DOMAIN}".encode(),
            b"DTSTAMP:" + stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ").encode(),
            b"DTSTART;VALUE=DATE:" + _date(day),
            b"DTEND;VALUE=DATE:" + _date(day + dt.timedelta(days=1)),
            _line("SUMMARY", icalendar.vText(summary)),
            _line("URL", icalendar.vUri(url)) if len(url) > FOLD_AT - 4 else b"URL:" + url.encode(),
            b"TRANSP:TRANSPARENT",
        ]
        if yearly:
            lines.append(b"RRULE:FREQ=YEARLY")
        lines.append(b"END:VEVENT\r\n")
        return b"\r\n".join(lines)


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


def _followups(owner: User, start: dt.date, end: dt.date, event: _Events) -> Iterator[bytes]:
    kinds = dict(FollowUp._meta.get_field("kind").flatchoices)
    rows = (
        FollowUp.objects.filter(
            owner=owner,
            status__in=OPEN_STATUSES,
            due_on__range=(start, end),
            person__archived=False,
        )
        .order_by("due_on", "id")
        .values_list("pk", "kind", "due_on", "topic", "updated", "person_id", "person__full_name")[
            :MAX_PER_KIND
        ]
    )
    labels = {key: str(label) for key, label in kinds.items()}
    titled, with_topic = _("%(kind)s: %(name)s"), _("%(summary)s — %(topic)s")
    for pk, kind, due_on, topic, updated, person_id, name in rows.iterator(chunk_size=CHUNK):
        summary = titled % {"kind": labels.get(kind, kind), "name": name}
        if topic:
            summary = with_topic % {"summary": summary, "topic": topic}
        yield event(f"followup-{pk}", due_on, summary, updated, person_id)


def _check_ins(owner: User, start: dt.date, end: dt.date, event: _Events) -> Iterator[bytes]:
    if not has_person_field("next_check_in"):
        return
    # As on Today: someone with a follow-up pending needs no separate check-in.
    pending = FollowUp.objects.filter(person=OuterRef("pk"), status__in=OPEN_STATUSES)
    rows = (
        Person.objects.filter(owner=owner, archived=False, next_check_in__range=(start, end))
        .exclude(Exists(pending))
        .order_by("next_check_in", "id")
        .values_list("pk", "full_name", "next_check_in", "updated")[:MAX_PER_KIND]
    )
    titled = _("Check in with %(name)s")
    for pk, name, due_on, updated in rows.iterator(chunk_size=CHUNK):
        if due_on is None:
            continue
        summary = titled % {"name": name}
        # The date is in the UID: a check-in that moves is a new reminder, the old one goes.
        yield event(f"checkin-{pk}-{due_on.isoformat()}", due_on, summary, updated, pk)


def _milestones(owner: User, start: dt.date, end: dt.date, event: _Events) -> Iterator[bytes]:
    kinds = dict(Milestone._meta.get_field("kind").flatchoices)
    # Nearest first whatever the year: the day of the year, counted from today, wrapping.
    day_of_year = ExtractMonth("date") * 32 + ExtractDay("date")
    today = start + dt.timedelta(days=DAYS_BACK)
    today_key = today.month * 32 + today.day
    rows = (
        Milestone.objects.filter(owner=owner, person__archived=False)
        .filter(Q(yearly=True, date__lte=end) | Q(yearly=False, date__range=(start, end)))
        .annotate(feed_day=day_of_year)
        .annotate(
            nearness=Case(
                When(Q(feed_day__gte=today_key), then=F("feed_day") - today_key),
                default=F("feed_day") - today_key + 32 * 13,
            )
        )
        .order_by("nearness", "id")
        .values_list(
            "pk", "kind", "date", "yearly", "note", "updated", "person_id", "person__full_name"
        )[:MAX_PER_KIND]
    )
    labels = {key: str(label) for key, label in kinds.items()}
    titled, with_topic = _("%(milestone)s: %(name)s"), _("%(summary)s — %(topic)s")
    for pk, kind, date, yearly, note, updated, person_id, name in rows.iterator(chunk_size=CHUNK):
        summary = titled % {"milestone": labels.get(kind, kind), "name": name}
        if note:
            summary = with_topic % {"summary": summary, "topic": note}
        yield event(f"milestone-{pk}", date, summary, updated, person_id, yearly=yearly)


def calendar_stream(*, owner: User, today: dt.date) -> Iterator[bytes]:
    """The owner's calendar as chunks of bytes, in the owner's language."""
    start, end = today - dt.timedelta(days=DAYS_BACK), today + dt.timedelta(days=DAYS_AHEAD)
    with translation.override(owner.language or settings.LANGUAGE_CODE):
        yield _header(_("Entregent reminders"))
        buffer: list[bytes] = []
        event = _Events()
        for source in (_followups, _check_ins, _milestones):
            for component in source(owner, start, end, event):
                buffer.append(component)
                if len(buffer) >= 500:
                    yield b"".join(buffer)
                    buffer = []
        yield b"".join(buffer) + b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class FeedVersion:
    """What a calendar app's copy of the feed is checked against (HTTP validators)."""

    etag: str
    last_modified: dt.datetime


def calendar_version(*, owner: User, today: dt.date) -> FeedVersion:
    """The feed's validators without writing the feed: three aggregate queries (how many
    rows and when one last changed, for pending follow-ups, people and milestones) hashed with
    everything else the feed is made of (the day, the language, the intervals, the site's
    address, the format). Any write the feed could show changes one of them; a deletion
    changes a count. Last-Modified is the latest change, or the start of today when later
    (the feed's window moves every day)."""
    parts: list[object] = [
        FEED_FORMAT,
        today.isoformat(),
        owner.language,
        settings.ENTREGENT_BASE_URL,
        *(getattr(owner, field, None) for field in OWNER_FIELDS),
    ]
    start_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    latest = start_of_day
    # Only pending follow-ups can be in the feed: reading those alone (through the owner,
    # status, due index) skips the history, most of the rows in a long-used account. One
    # closed, snoozed, edited or added changes their count or latest change.
    pending = FollowUp.objects.filter(owner=owner, status__in=OPEN_STATUSES)
    people = Person.objects.filter(owner=owner)
    milestones = Milestone.objects.filter(owner=owner)
    for rows in (pending, people, milestones):
        found = rows.aggregate(n=Count("id"), last=Max("updated"))
        parts += [found["n"], found["last"].isoformat() if found["last"] else ""]
        if found["last"] is not None:
            latest = max(latest, found["last"])
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]
    # HTTP dates have whole seconds: a change within the second of the previous one is
    # caught by the ETag, which clients that keep one send first.
    return FeedVersion(etag=f'"{digest}"', last_modified=latest.replace(microsecond=0))


def calendar_bytes(*, owner: User, today: dt.date) -> bytes:
    """The whole calendar at once (for the CLI and tests)."""
    return b"".join(calendar_stream(owner=owner, today=today))
