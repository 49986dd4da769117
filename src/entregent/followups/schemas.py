"""API shapes of follow-ups."""

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from entregent.core.schemas import Id, InputSchema, PageOut, PageQuery, text, unchanged
from entregent.encounters.choices import Channel, Initiator
from entregent.encounters.models import Encounter
from entregent.encounters.schemas import StorableDatetime
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


class LogEncounterIn(InputSchema):
    """The conversation that settled the follow-up, logged with the follow-up's person."""

    occurred_at: StorableDatetime | None = Field(None, description="Default: now.")
    channel: Channel = Channel.CALL
    place: str = text(Encounter, "place", default="")
    summary: str = text(Encounter, "summary", default="")
    meaningful: bool = True
    initiated_by: Initiator = Initiator.UNKNOWN


class FollowUpDoneIn(InputSchema):
    """Optionally log the encounter that settled it (a meaningful one resets the cadence)."""

    log_encounter: LogEncounterIn | None = None


class FollowUpSnoozeIn(InputSchema):
    until: Literal["tomorrow", "next_week"] | dt.date = Field(
        "tomorrow",
        description="`tomorrow` (default), `next_week` (in seven days) or a date after today.",
    )


class AgendaItemOut(Schema):
    """One thing to do today."""

    kind: str = Field(description="follow_up, check_in or congratulate.")
    followup_kind: FollowUpKind
    person_id: int
    person_name: str
    circle: str
    due_on: dt.date
    overdue_days: int
    topic: str
    followup_id: int | None = Field(
        description="The follow-up behind it; check-ins and congratulations have none yet."
    )
    status: str
    milestone_id: int | None


class AgendaSectionOut(Schema):
    key: str
    title: str
    total: int = Field(description="How many in all (counting stops past 1000: see `capped`).")
    capped: bool
    more: int = Field(description="How many are not listed.")
    items: list[AgendaItemOut]


class TodayOut(Schema):
    """What to do today, ranked: overdue age, then circle (inner first), then open topic."""

    today: dt.date
    total: int
    overdue: AgendaSectionOut
    due: AgendaSectionOut
    check_ins: AgendaSectionOut
    congratulations: AgendaSectionOut


class TodayQuery(Schema):
    date: dt.date | None = Field(None, description="The day to plan for (default: today).")


class DraftOut(Schema):
    """A follow-up's message, ready to copy or send yourself: the user's edit when one is
    saved, else written from what is known (in the person's language). Never sent."""

    followup_id: int | None
    person_id: int
    kind: FollowUpKind
    language: str = Field(description="The draft's language: the person's, else the account's.")
    subject: str
    body: str
    to: str = Field(description="The person's first e-mail address, or empty.")
    mailto: str = Field(description="A mailto: link with the subject and body encoded.")
    word_count: int
    edited: bool = Field(description="True when this is the user's saved edit.")
    edited_at: dt.datetime | None
    next_step: str = Field(description="What the generated draft proposes: coffee or call.")
    value_kind: str = Field(
        description="What the generated draft offers: offer (one of yours fits their need), "
        "intro, share, need, project or generic."
    )


class DraftIn(InputSchema):
    """The user's version of the draft; it replaces the generated one until discarded."""

    subject: str = text(FollowUp, "draft_subject", default="")
    body: str = text(FollowUp, "draft_body", default="")
