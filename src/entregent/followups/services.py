"""Services for follow-ups. The model exists now; scheduling and cadence come with the loop."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput
from entregent.core.services import ensure_choice, ensure_owned, full_clean_or_raise
from entregent.core.validators import clean_text
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.models import FollowUp
from entregent.people.models import Person


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
    return followup


def followup_delete(*, followup: FollowUp) -> None:
    """Forget a follow-up."""
    followup.delete()
