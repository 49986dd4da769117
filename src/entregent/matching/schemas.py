"""API shapes of the matching app: common ground and the brief."""

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from entregent.core.schemas import EventRef, Id, PersonRef
from entregent.encounters.choices import Channel
from entregent.followups.schemas import FollowUpOut
from entregent.people.choices import FactKind

GroundKind = Literal[
    "complement",
    "interest",
    "acquaintance",
    "introducer",
    "direct",
    "event",
    "organization",
    "industry",
    "city",
]


class GroundItemOut(Schema):
    """One thing in common, with its evidence as a sentence in the account's language."""

    kind: GroundKind = Field(
        description=(
            "complement: one offers what the other needs; interest: a shared interest, "
            "personal detail or project; acquaintance: both know `person_id`; introducer: "
            "`person_id` introduced them; direct: the two already know each other; event: "
            "both were at `event_id`; organization, industry, city: the same one."
        )
    )
    sentence: str = Field(description='The evidence, e.g. "You both know Karen Lee."')
    score: float = Field(description="How strong the match is, 0..1 (1 for plain facts).")
    person_id: int | None = Field(description="The acquaintance or introducer named.")
    event_id: int | None = Field(description="The event named.")
    fact_ids: list[int] = Field(description="The facts that matched (offer or mine first).")
    matched: list[str] = Field(
        description='Words or concepts that matched, e.g. "logo ~ graphiste".'
    )


class CommonGroundOut(Schema):
    """What a person has in common with the account's owner, or with another person."""

    person: PersonRef
    other: PersonRef | None = Field(description="The other person; null means you.")
    items: list[GroundItemOut] = Field(description="Strongest kinds first.")


class CommonGroundQuery(Schema):
    with_: Id | None = Field(
        None,
        alias="with",
        description="Compare with this person instead of with you.",
    )


class BriefFactOut(Schema):
    id: int
    text: str


class BriefFactGroupOut(Schema):
    """The person's facts of one kind, newest first."""

    kind: FactKind
    label: str
    facts: list[BriefFactOut]


class BriefEncounterOut(Schema):
    """One of the last encounters, with its summary."""

    id: int
    occurred_at: dt.datetime
    channel: Channel
    place: str
    event: EventRef | None
    summary: str
    meaningful: bool


class BriefOut(Schema):
    """What to know before meeting someone."""

    person: PersonRef
    language: str = Field(
        description="The language of `questions`: the person's, else the account's."
    )
    facts: list[BriefFactGroupOut]
    encounters: list[BriefEncounterOut] = Field(description="The last five, newest first.")
    followups: list[FollowUpOut] = Field(description="Open and snoozed, soonest due first.")
    common_ground: list[GroundItemOut]
    questions: list[str] = Field(description="Three open-ended questions to ask.")
