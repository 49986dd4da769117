"""API shapes of tie strength and the weak-tie radar."""

import datetime as dt

from ninja import Schema
from pydantic import Field

from entregent.core.schemas import PersonRef
from entregent.people.choices import Circle


class TieComponentOut(Schema):
    """One component of a tie strength: its weight, value and contribution."""

    name: str = Field(description="recency, frequency, duration, depth, reciprocity or mutual.")
    label: str = Field(description="The component's name in the account's language.")
    weight: float
    value: float = Field(description="0..1.")
    contribution: float = Field(
        description="weight times value; the contributions sum to the score."
    )


class TieOut(Schema):
    """A person's tie strength and what makes it."""

    person: PersonRef
    score: float = Field(description="0..1.")
    computed_circle: Circle = Field(description="The circle the score falls in.")
    circle: Circle = Field(description="The person's circle: the computed one unless pinned.")
    circle_pinned: bool
    computed_at: dt.datetime
    components: list[TieComponentOut]


class RadarTieOut(Schema):
    """A moderately weak tie worth reviving now, with why."""

    person: PersonRef
    score: float = Field(description="Tie strength, 0..1.")
    priority: float = Field(description="How worth reviving now, 0..1.")
    last_contact: dt.datetime | None
    reasons: list[str] = Field(description="The evidence, in the account's language.")


class DormantMatchOut(Schema):
    """A dormant tie whose offer meets one of my needs."""

    person: PersonRef
    score: float = Field(description="Tie strength, 0..1.")
    last_contact: dt.datetime | None
    need: str
    offer: str
    match_score: float = Field(description="0..1.")
    matched: list[str]
    sentence: str


class RadarOut(Schema):
    """The weak-tie radar."""

    has_needs: bool = Field(description="Whether any need about me is recorded.")
    fresh: bool = Field(
        description="False when the scores are a day old and the network too large to "
        "recompute during the request: POST /ties/recompute."
    )
    revive: list[RadarTieOut]
    dormant: list[DormantMatchOut]


class RadarQuery(Schema):
    limit: int = Field(10, ge=1, le=100, description="How many people per list.")


class RecomputeOut(Schema):
    """What a recompute for everyone did."""

    scored: int
    circles_changed: int = Field(description="Circles moved (never a pinned one).")
