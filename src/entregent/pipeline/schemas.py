"""API shapes of the pipeline and of the insights."""

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import Field

from entregent.core.schemas import (
    Id,
    InputSchema,
    OrganizationRef,
    PageOut,
    PageQuery,
    PersonRef,
    text,
    unchanged,
)
from entregent.pipeline.choices import OpportunityKind, ReferralOutcome, Stage
from entregent.pipeline.models import Opportunity

MAX_PEOPLE = 100
Position = Annotated[int, Field(ge=0, le=100_000)]


class OpportunityOut(Schema):
    """An opportunity on its board."""

    id: int
    kind: OpportunityKind
    title: str
    stage: Stage
    position: int = Field(description="Its place in its stage's column, from 0.")
    organization: OrganizationRef | None
    people: list[PersonRef]
    next_step: str
    next_step_on: dt.date | None
    notes: str
    asked_person: PersonRef | None = Field(description="For a referral request: whom I asked.")
    asked_for: str
    asked_on: dt.date | None
    referral_outcome: str = Field(description="introduced, thinking, no_reply, or empty: waiting.")
    referral_followup_id: int | None
    created: dt.datetime
    updated: dt.datetime

    @staticmethod
    def resolve_people(obj: Opportunity) -> list[object]:
        return list(obj.people.all())


class OpportunityIn(InputSchema):
    title: str = text(Opportunity, "title")
    kind: OpportunityKind = OpportunityKind.DREAM_CLIENT
    stage: Stage = Stage.IDEA
    organization_id: Id | None = None
    people_ids: list[Id] = Field(default_factory=list, max_length=MAX_PEOPLE)
    next_step: str = text(Opportunity, "next_step", default="")
    next_step_on: dt.date | None = None
    notes: str = text(Opportunity, "notes", default="")
    asked_person_id: Id | None = None
    asked_for: str = text(Opportunity, "asked_for", default="")
    asked_on: dt.date | None = None
    referral_outcome: ReferralOutcome = ReferralOutcome.PENDING


class OpportunityPatch(InputSchema):
    """Fields to change; fields left out stay as they are. The stage changes by a move."""

    title: str = text(Opportunity, "title", default=None)
    kind: OpportunityKind = unchanged()
    organization_id: Id | None = None
    people_ids: list[Id] = unchanged(max_length=MAX_PEOPLE)
    next_step: str = text(Opportunity, "next_step", default=None)
    next_step_on: dt.date | None = None
    notes: str = text(Opportunity, "notes", default=None)
    asked_person_id: Id | None = None
    asked_for: str = text(Opportunity, "asked_for", default=None)
    asked_on: dt.date | None = None
    referral_outcome: ReferralOutcome = unchanged()


class MoveIn(InputSchema):
    # Required, but checked once the opportunity is found: another owner's id is a 404
    # whatever the body says.
    stage: Stage | None = None
    position: Position | None = Field(None, description="Place in the column; default: last.")


class OpportunityQuery(PageQuery):
    kind: OpportunityKind | None = None
    stage: Stage | None = None
    person: Id | None = Field(None, description="Only the opportunities of this person.")


class OpportunityPage(PageOut):
    items: list[OpportunityOut]


class FunnelStepOut(Schema):
    key: str
    label: str
    count: int


class FunnelOut(Schema):
    """How many opportunities of a kind ever reached each step, from their history."""

    kind: OpportunityKind
    label: str
    summary: str
    steps: list[FunnelStepOut]


class ChartOut(Schema):
    """A chart's data: the columns and rows of the table behind it."""

    id: str
    kind: str
    title: str
    description: str
    columns: list[str]
    rows: list[list[str]]


class InsightsOut(Schema):
    today: dt.date
    charts: list[ChartOut]
    missing: list[str] = Field(description="Charts left out, and why.")
