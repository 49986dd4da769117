"""Services that log encounters and keep events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput
from entregent.core.services import ensure_choice, ensure_owned, full_clean_or_raise
from entregent.core.validators import clean_text
from entregent.encounters.choices import Channel, EventKind, Initiator
from entregent.encounters.models import Encounter, Event
from entregent.followups.cadence import cadence_refresh, encounter_followups_create
from entregent.network.services import tie_refresh
from entregent.people.models import Person

# A moment is kept only if every time zone can show it (offsets reach ±14 hours): beyond
# these, SQLite overflows when converting to UTC and PostgreSQL stores a row it cannot read back.
_EARLIEST = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
_LATEST = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)


def _aware(value: dt.datetime | dt.date | str) -> dt.datetime:
    """An aware moment from a datetime (naive means the current time zone), a date (at noon)
    or ISO text; anything else, or a moment at the edge of the calendar, is refused."""
    if isinstance(value, str):
        try:
            parsed = Encounter._meta.get_field("occurred_at").to_python(value.strip())
        except ValidationError as exc:
            raise InvalidInput.for_field("occurred_at", exc.messages[0]) from None
        value = parsed
    if not isinstance(value, dt.date):
        raise InvalidInput.for_field("occurred_at", _("Enter a valid date and time."))
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(12, 0))
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        in_utc = value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        in_utc = None
    if in_utc is None or not _EARLIEST <= in_utc <= _LATEST:
        raise InvalidInput.for_field(
            "occurred_at", _("Choose a date between the years 1 and 9999.")
        )
    # PostgreSQL stores offsets up to ±15:59 only; the moment is what counts, kept in UTC.
    return in_utc


@transaction.atomic
def event_create(
    *,
    owner: User,
    name: str,
    date: dt.date,
    kind: str = EventKind.MEETUP,
    place: str = "",
    size: int | None = None,
    notes: str = "",
) -> Event:
    """Keep an event (meetup, conference…) to link encounters to."""
    ensure_choice(kind, EventKind, "kind")
    event = Event(
        owner=owner,
        name=clean_text(name),
        date=date,
        kind=kind,
        place=clean_text(place),
        size=size,
        notes=clean_text(notes, multiline=True),
    )
    full_clean_or_raise(event, exclude=["owner"])
    event.save()
    return event


@transaction.atomic
def event_update(*, event: Event, **changes: Any) -> Event:
    """Change an event's fields."""
    allowed = {"name", "date", "kind", "place", "size", "notes"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput.for_field(sorted(unknown)[0], _("Unknown field."))
    if "kind" in changes:
        ensure_choice(changes["kind"], EventKind, "kind")
    for field, raw in changes.items():
        value = raw
        if field in {"name", "place"}:
            value = clean_text(raw)
        elif field == "notes":
            value = clean_text(raw, multiline=True)
        setattr(event, field, value)
    full_clean_or_raise(event, exclude=["owner"])
    event.save()
    return event


def event_delete(*, event: Event) -> None:
    """Delete an event; its encounters stay, without an event."""
    event.delete()


@transaction.atomic
def encounter_log(
    *,
    owner: User,
    participants: Sequence[Person],
    occurred_at: dt.datetime | dt.date | None = None,
    channel: str = Channel.IN_PERSON,
    place: str = "",
    event: Event | None = None,
    summary: str = "",
    meaningful: bool = True,
    initiated_by: str = Initiator.UNKNOWN,
    followup_due: dt.date | None = None,
    create_followup: bool = True,
) -> Encounter:
    """Log an interaction with one or more of the owner's people.

    A meaningful one resets their keep-in-touch cadence and, unless `create_followup` is
    false, plans a follow-up for each of them: due on `followup_due`, or after the owner's
    follow-up delay.
    """
    if followup_due is not None and not isinstance(followup_due, dt.date):
        raise InvalidInput.for_field("followup_due", _("Enter a valid date."))
    if not participants:
        raise InvalidInput.for_field("participants", _("Choose at least one person."))
    for person in participants:
        ensure_owned(owner, person, "participants")
    ensure_owned(owner, event, "event")
    ensure_choice(channel, Channel, "channel")
    ensure_choice(initiated_by, Initiator, "initiated_by")
    encounter = Encounter(
        owner=owner,
        occurred_at=_aware(occurred_at or timezone.now()),
        channel=channel,
        place=clean_text(place),
        event=event,
        summary=clean_text(summary, multiline=True),
        meaningful=meaningful,
        initiated_by=initiated_by,
    )
    full_clean_or_raise(encounter, exclude=["owner", "event"])
    encounter.save()
    people = list({p.pk: p for p in participants}.values())
    encounter.participants.set(people)
    cadence_refresh(people=people)
    tie_refresh(people=people)
    if create_followup:
        encounter_followups_create(encounter=encounter, participants=people, due=followup_due)
    return encounter


@transaction.atomic
def encounter_update(
    *, encounter: Encounter, participants: Sequence[Person] | None = None, **changes: Any
) -> Encounter:
    """Correct an encounter; `participants`, when given, replaces the list."""
    allowed = {"occurred_at", "channel", "place", "event", "summary", "meaningful", "initiated_by"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput.for_field(sorted(unknown)[0], _("Unknown field."))
    owner = encounter.owner
    before = list(encounter.participants.all())
    if "channel" in changes:
        ensure_choice(changes["channel"], Channel, "channel")
    if "initiated_by" in changes:
        ensure_choice(changes["initiated_by"], Initiator, "initiated_by")
    if "event" in changes:
        ensure_owned(owner, changes["event"], "event")
    for field, raw in changes.items():
        value = raw
        if field == "occurred_at":
            value = _aware(raw)
        elif field == "place":
            value = clean_text(raw)
        elif field == "summary":
            value = clean_text(raw, multiline=True)
        setattr(encounter, field, value)
    full_clean_or_raise(encounter, exclude=["owner", "event"])
    encounter.save()
    if participants is not None:
        if not participants:
            raise InvalidInput.for_field("participants", _("Choose at least one person."))
        for person in participants:
            ensure_owned(owner, person, "participants")
        encounter.participants.set({p.pk: p for p in participants}.values())
    # Former and current participants: the date or meaningfulness may have moved either.
    touched = {p.pk: p for p in [*before, *(participants or [])]}.values()
    cadence_refresh(people=touched)
    tie_refresh(people=touched)
    return encounter


@transaction.atomic
def encounter_delete(*, encounter: Encounter) -> None:
    """Delete an encounter; its participants' cadence is recomputed without it."""
    people = list(encounter.participants.all())
    encounter.delete()
    cadence_refresh(people=people)
    tie_refresh(people=people)
