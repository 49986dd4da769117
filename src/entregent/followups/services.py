"""Services for follow-ups: plan, complete (optionally logging an encounter), snooze,
dismiss, act on Today's check-ins and congratulations, and the cadence settings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import Conflict, InvalidInput
from entregent.core.services import ensure_choice, ensure_owned, full_clean_or_raise
from entregent.core.validators import clean_text
from entregent.encounters.models import Encounter
from entregent.encounters.services import encounter_log
from entregent.followups.cadence import PENDING, check_in_push, next_check_in_for
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.followups.selectors import agenda_item_when
from entregent.people.models import Person

SNOOZE_TOMORROW = "tomorrow"
SNOOZE_NEXT_WEEK = "next_week"
CADENCE_FIELDS = (
    "cadence_inner_days",
    "cadence_active_days",
    "cadence_weak_days",
    "cadence_dormant_days",
    "followup_delay_days",
    "congratulate_days_ahead",
)
# The encounter fields a completed follow-up may log (participants: the follow-up's person).
LOG_FIELDS = {"occurred_at", "channel", "place", "summary", "meaningful", "initiated_by"}


@transaction.atomic
def followup_create(
    *,
    owner: User,
    person: Person,
    due_on: dt.date,
    kind: str = FollowUpKind.FOLLOW_UP,
    topic: str = "",
) -> FollowUp:
    """Plan something to do for a person by a date."""
    ensure_owned(owner, person, "person")
    ensure_choice(kind, FollowUpKind, "kind")
    followup = FollowUp(
        owner=owner, person=person, due_on=due_on, kind=kind, topic=clean_text(topic)
    )
    full_clean_or_raise(followup, exclude=["owner", "person", "source_encounter"])
    followup.save()
    return followup


@transaction.atomic
def followup_update(*, followup: FollowUp, **changes: Any) -> FollowUp:
    """Change a follow-up's date, kind, topic or status; done records when it was completed."""
    allowed = {"due_on", "kind", "topic", "status"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput.for_field(sorted(unknown)[0], _("Unknown field."))
    if "kind" in changes:
        ensure_choice(changes["kind"], FollowUpKind, "kind")
    if "status" in changes:
        ensure_choice(changes["status"], FollowUpStatus, "status")
        if changes["status"] != followup.status:
            done = changes["status"] == FollowUpStatus.DONE
            followup.completed_at = timezone.now() if done else None
    for field, value in changes.items():
        setattr(followup, field, clean_text(value) if field == "topic" else value)
    full_clean_or_raise(followup, exclude=["owner", "person", "source_encounter"])
    followup.save()
    if followup.status == FollowUpStatus.DONE:
        _log_favour(followup)
    return followup


def _log_favour(followup: FollowUp) -> None:
    """A share done is a favour given: the giving ledger logs it (once per follow-up)."""
    from entregent.goals.ledger import favour_from_followup  # the ledger reads the matcher

    favour_from_followup(followup=followup)


def followup_delete(*, followup: FollowUp) -> None:
    """Forget a follow-up."""
    followup.delete()


def _ensure_pending(followup: FollowUp) -> None:
    if followup.status not in PENDING:
        raise Conflict(
            _("This follow-up is already %(status)s.")
            % {"status": followup.get_status_display().lower()},
            errors={"status": [_("Already closed.")]},
        )


@transaction.atomic
def followup_done(
    *,
    followup: FollowUp,
    log_encounter: dict[str, Any] | None = None,
    today: dt.date | None = None,
) -> FollowUp:
    """Mark a follow-up done. With `log_encounter` (e.g. {"channel": "call", "summary": …})
    an encounter with the person is logged too, which resets their keep-in-touch cadence; a
    check-in done without one still moves the next check-in one interval on."""
    _ensure_pending(followup)
    person = followup.person
    encounter: Encounter | None = None
    if log_encounter is not None:
        unknown = set(log_encounter) - LOG_FIELDS
        if unknown:
            raise InvalidInput.for_field(sorted(unknown)[0], _("Unknown field."))
        encounter = encounter_log(
            owner=followup.owner, participants=[person], create_followup=False, **log_encounter
        )
    followup.status = FollowUpStatus.DONE
    followup.completed_at = timezone.now()
    followup.save(update_fields=["status", "completed_at", "updated"])
    _log_favour(followup)
    if (
        followup.kind == FollowUpKind.CHECK_IN
        and (encounter is None or not encounter.meaningful)
        and not person.archived
    ):
        check_in_push(person=person, today=today)
    return followup


def snooze_date(until: dt.date | str, today: dt.date | None = None) -> dt.date:
    """The day a snooze ends: a date after today, "tomorrow", or "next_week" (in seven days)."""
    today = today or timezone.localdate()
    if until == SNOOZE_TOMORROW:
        return today + dt.timedelta(days=1)
    if until == SNOOZE_NEXT_WEEK:
        return today + dt.timedelta(days=7)
    if isinstance(until, str):
        try:
            until = dt.date.fromisoformat(until.strip())
        except ValueError:
            raise InvalidInput.for_field(
                "until", _("Enter a date (YYYY-MM-DD), “tomorrow” or “next_week”.")
            ) from None
    if isinstance(until, dt.datetime) or not isinstance(until, dt.date):
        raise InvalidInput.for_field("until", _("Enter a date."))
    if until <= today:
        raise InvalidInput.for_field("until", _("Choose a day after today."))
    return until


@transaction.atomic
def followup_snooze(
    *, followup: FollowUp, until: dt.date | str, today: dt.date | None = None
) -> FollowUp:
    """Put a follow-up off until a later day; it comes back on Today when that day comes."""
    _ensure_pending(followup)
    followup.due_on = snooze_date(until, today)
    followup.status = FollowUpStatus.SNOOZED
    followup.snoozed_at = timezone.now()
    followup.snooze_count += 1
    followup.save(update_fields=["due_on", "status", "snoozed_at", "snooze_count", "updated"])
    return followup


@transaction.atomic
def followup_dismiss(*, followup: FollowUp, today: dt.date | None = None) -> FollowUp:
    """Drop a follow-up without doing it; it stays in the history. A dismissed check-in
    waits a full interval before coming back."""
    _ensure_pending(followup)
    followup.status = FollowUpStatus.DISMISSED
    followup.dismissed_at = timezone.now()
    followup.save(update_fields=["status", "dismissed_at", "updated"])
    if followup.kind == FollowUpKind.CHECK_IN and not followup.person.archived:
        check_in_push(person=followup.person, today=today)
    return followup


@transaction.atomic
def agenda_item_followup(
    *,
    owner: User,
    person: Person,
    kind: str,
    due_on: dt.date | None = None,
    topic: str = "",
) -> FollowUp:
    """The follow-up behind a Today check-in or congratulation, so it can be done, snoozed
    or dismissed like any other (and kept in the history): the pending one of that kind for
    the person if there is one, else a new one."""
    ensure_owned(owner, person, "person")
    if kind not in {FollowUpKind.CHECK_IN, FollowUpKind.CONGRATULATE}:
        raise InvalidInput.for_field("kind", _("Choose a check-in or a congratulation."))
    due_on = due_on or timezone.localdate()
    existing = (
        FollowUp.objects.filter(owner=owner, person=person, kind=kind, status__in=PENDING)
        .order_by("due_on", "id")
        .first()
    )
    if existing is not None:
        return existing
    return followup_create(owner=owner, person=person, due_on=due_on, kind=kind, topic=topic)


AGENDA_ACTIONS = ("done", "snooze", "dismiss")


@transaction.atomic
def agenda_item_act(
    *,
    owner: User,
    person: Person,
    kind: str,
    action: str,
    until: dt.date | str | None = None,
    log_encounter: dict[str, Any] | None = None,
    due_on: dt.date | None = None,
    topic: str = "",
    today: dt.date | None = None,
) -> FollowUp:
    """Act on a Today check-in or congratulation in one step: the follow-up standing for it
    is found or recorded, then done (with `log_encounter`, the conversation is logged and
    the cadence restarts from it; a congratulation is recorded as done), snoozed until
    `until` (default tomorrow) or dismissed. Either way it leaves Today and stays in the
    history. Without `due_on`, the day and topic are the item's own (`agenda_item_when`)."""
    if action not in AGENDA_ACTIONS:
        raise InvalidInput.for_field("action", _("Choose done, snooze or dismiss."))
    if due_on is None:
        due_on, topic = agenda_item_when(owner=owner, person=person, kind=kind, today=today)
    followup = agenda_item_followup(
        owner=owner, person=person, kind=kind, due_on=due_on, topic=topic
    )
    if action == "done":
        return followup_done(followup=followup, log_encounter=log_encounter, today=today)
    if action == "snooze":
        return followup_snooze(followup=followup, until=until or SNOOZE_TOMORROW, today=today)
    return followup_dismiss(followup=followup, today=today)


@transaction.atomic
def cadence_settings_update(*, user: User, **changes: Any) -> User:
    """Change the keep-in-touch intervals per circle, the follow-up delay or how early
    milestones show; everyone's next check-in follows the new intervals."""
    unknown = set(changes) - set(CADENCE_FIELDS)
    if unknown:
        raise InvalidInput.for_field(sorted(unknown)[0], _("Unknown field."))
    for field, value in changes.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput.for_field(field, _("Enter a whole number."))
        setattr(user, field, value)
    full_clean_or_raise(user, exclude=[f.name for f in User._meta.fields if f.name not in changes])
    user.save(update_fields=[*changes])
    if {
        "cadence_inner_days",
        "cadence_active_days",
        "cadence_weak_days",
        "cadence_dormant_days",
    } & set(changes):
        cadence_recompute_all(owner=user)
    return user


def cadence_recompute_all(*, owner: User) -> None:
    """Recompute everyone's next check-in (after the intervals change): one pass in bulk."""
    people = Person.objects.filter(owner=owner).only(
        "id",
        "owner_id",
        "created",
        "circle",
        "cadence_days",
        "last_interaction_at",
        "next_check_in",
    )
    batch: list[Person] = []
    for person in people.iterator(chunk_size=2000):
        person.owner = owner
        due = next_check_in_for(owner=owner, person=person, last=person.last_interaction_at)
        if due != person.next_check_in:
            person.next_check_in = due
            batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["next_check_in"])
            batch = []
    if batch:
        Person.objects.bulk_update(batch, ["next_check_in"])
