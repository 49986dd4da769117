"""The keep-in-touch cadence and the follow-up after an encounter.

Kept apart from `services` so the encounter and people services can call it without an
import cycle (follow-up services log encounters themselves). Everything here works on the
people it is given, never on the whole network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db.models import Max
from django.utils import timezone

from entregent.accounts.models import User
from entregent.encounters.models import Encounter
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.people.models import Person

PENDING = (FollowUpStatus.OPEN, FollowUpStatus.SNOOZED)
# Encounters logged long after they happened are history being filled in, not a
# conversation to follow up on now.
BACKFILL_DAYS = 7
TOPIC_LENGTH = 300


def local_date(moment: dt.datetime) -> dt.date:
    """The day a moment falls on in the site's time zone."""
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def interval_days(person: Person, owner: User) -> int:
    """How often to be in touch with a person: their own override, else their circle's."""
    return int(person.cadence_days or owner.cadence_for(person.circle))


def next_check_in_for(*, owner: User, person: Person, last: dt.datetime | None) -> dt.date:
    """The next check-in: the last meaningful interaction (or, never met, the day the person
    was added) plus the person's interval."""
    base = local_date(last) if last is not None else local_date(person.created or timezone.now())
    try:
        return base + dt.timedelta(days=interval_days(person, owner))
    except OverflowError:
        return dt.date.max


def cadence_refresh(*, people: Iterable[Person]) -> None:
    """Recompute `last_interaction_at` and `next_check_in` of these people from their
    meaningful encounters: one aggregate query and one update per person that changed."""
    people = [p for p in people if p.pk is not None]
    if not people:
        return
    through = Encounter.participants.through
    rows = (
        through.objects.filter(person_id__in=[p.pk for p in people], encounter__meaningful=True)
        .values("person_id")
        .annotate(last=Max("encounter__occurred_at"))
    )
    last_by_person = {row["person_id"]: row["last"] for row in rows}
    owners: dict[int, User] = {}
    for person in people:
        owner = owners.get(person.owner_id)
        if owner is None:
            owner = owners[person.owner_id] = person.owner
        last = last_by_person.get(person.pk)
        due = next_check_in_for(owner=owner, person=person, last=last)
        if person.last_interaction_at != last or person.next_check_in != due:
            person.last_interaction_at = last
            person.next_check_in = due
            # `updated` too (.update() skips auto_now): the calendar feed's ETag reads it.
            person.updated = timezone.now()
            Person.objects.filter(pk=person.pk).update(
                last_interaction_at=last, next_check_in=due, updated=person.updated
            )


def check_in_push(*, person: Person, today: dt.date | None = None) -> None:
    """Move a person's next check-in one interval past today (a check-in done or put off
    without an encounter to count from)."""
    today = today or timezone.localdate()
    person.next_check_in = today + dt.timedelta(days=interval_days(person, person.owner))
    person.updated = timezone.now()
    Person.objects.filter(pk=person.pk).update(
        next_check_in=person.next_check_in, updated=person.updated
    )


def encounter_followups_create(
    *,
    encounter: Encounter,
    participants: Sequence[Person],
    due: dt.date | None = None,
    today: dt.date | None = None,
) -> list[FollowUp]:
    """The follow-up after a meaningful encounter, one per participant: due after the owner's
    delay unless `due` says otherwise; none when that person already has a pending follow-up
    from the same day, and none for an encounter logged long after it happened (unless `due`
    is stated)."""
    if not encounter.meaningful:
        return []
    owner = encounter.owner
    today = today or timezone.localdate()
    met_on = local_date(encounter.occurred_at)
    if due is None:
        if met_on < today - dt.timedelta(days=BACKFILL_DAYS):
            return []
        due = max(met_on, today) + dt.timedelta(days=owner.followup_delay_days)
    ids = [p.pk for p in participants]
    start_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    already = set(
        FollowUp.objects.filter(
            owner=owner,
            person_id__in=ids,
            kind=FollowUpKind.FOLLOW_UP,
            status__in=PENDING,
            created__gte=start_of_day,
        ).values_list("person_id", flat=True)
    )
    topic = " ".join(encounter.summary.split())[:TOPIC_LENGTH]
    created = [
        FollowUp(
            owner=owner,
            person=person,
            due_on=due,
            kind=FollowUpKind.FOLLOW_UP,
            topic=topic,
            source_encounter=encounter,
        )
        for person in {p.pk: p for p in participants}.values()
        if person.pk not in already
    ]
    return FollowUp.objects.bulk_create(created)
