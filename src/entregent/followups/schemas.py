"""API shapes of follow-ups."""

import datetime as dt

from ninja import Schema
from pydantic import Field

from entregent.core.schemas import Id, InputSchema, PageOut, PageQuery, text, unchanged
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.models import FollowUp


class FollowUpOut(Schema):
    """Something to do for a person by a date."""

    id: int
    person_id: int
    due_on: dt.date
    kind: FollowUpKind
    topic: str
    status: FollowUpStatus
    source_encounter_id: int | None
    completed_at: dt.datetime | None
    created: dt.datetime
    updated: dt.datetime


class FollowUpIn(InputSchema):
    person_id: Id
    due_on: dt.date
    kind: FollowUpKind = FollowUpKind.FOLLOW_UP
    topic: str = text(FollowUp, "topic", default="")


class FollowUpPatch(InputSchema):
    """Fields to change; fields left out stay as they are."""

    due_on: dt.date = unchanged()
    kind: FollowUpKind = unchanged()
    topic: str = text(FollowUp, "topic", default=None)
    status: FollowUpStatus = unchanged(description="Done sets `completed_at`.")


class FollowUpQuery(PageQuery):
    person: Id | None = Field(None, description="Follow-ups for this person.")
    status: FollowUpStatus | None = None


class FollowUpPage(PageOut):
    items: list[FollowUpOut]
