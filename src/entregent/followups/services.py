"""Services for follow-ups. The model exists now; scheduling and cadence come with the loop."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from entregent.accounts.models import User
from entregent.core.validators import clean_text
from entregent.followups.choices import FollowUpKind
from entregent.followups.models import FollowUp
from entregent.people.models import Person
from entregent.core.services import ensure_choice, ensure_owned, full_clean_or_raise


@transaction.atomic
def followup_create(
    *, owner: User, person: Person, due_on: dt.date, kind: str = FollowUpKind.FOLLOW_UP, topic: str = ""
) -> FollowUp:
    """Plan something to do for a person by a date."""
    ensure_owned(owner, person, "person")
    ensure_choice(kind, FollowUpKind, "kind")
    followup = FollowUp(owner=owner, person=person, due_on=due_on, kind=kind, topic=clean_text(topic))
    full_clean_or_raise(followup, exclude=["owner", "person", "source_encounter"])
    followup.save()
    return followup
