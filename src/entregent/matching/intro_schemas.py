"""API shapes of introductions: suggestions, the workflow's steps, and drafts."""

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from entregent.core.schemas import MAX_ID
from entregent.matching.choices import IntroductionSide, IntroductionStatus


class IntroPersonOut(Schema):
    id: int
    full_name: str


class IntroSuggestionOut(Schema):
    """A could meet B: A's need met by B's offer."""

    person_a: IntroPersonOut = Field(description="The person with the need (asked first).")
    person_b: IntroPersonOut = Field(description="The person whose offer meets it.")
    score: float = Field(description="0..1.")
    need: str
    offer: str
    matched: list[str] = Field(
        description='What matched, the need\'s words first: "logo ~ graphiste".'
    )
    reason: str = Field(description="Why, in the account's language.")


class IntroSuggestionsOut(Schema):
    person: IntroPersonOut | None = Field(description="The person asked about; null: the network.")
    count: int
    items: list[IntroSuggestionOut] = Field(description="Best first, one per pair.")


class IntroSuggestionsQuery(Schema):
    person: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only introductions this person would be part of."
    )
    limit: int = Field(20, ge=1, le=100, description="How many, 1 to 100.")


class IntroDraftOut(Schema):
    step: Literal["ask_a", "ask_b", "introduce"]
    language: str = Field(description="The recipient's language (the pair's for `introduce`).")
    to: str = Field(description="E-mail address(es), or empty.")
    subject: str
    body: str
    mailto: str = Field(description="A mailto: link that opens the draft; nothing is sent.")


class IntroductionOut(Schema):
    id: int
    person_a: IntroPersonOut
    person_b: IntroPersonOut
    status: IntroductionStatus
    status_label: str
    next_step: str = Field(description="What to do next, empty once closed.")
    actions: list[str] = Field(
        description="Actions the status allows: ask_a, answer_a, ask_b, answer_b, make, cancel."
    )
    reason: str
    need: str
    offer: str
    score: float | None
    note: str
    declined_by: IntroductionSide | None
    created: dt.datetime
    updated: dt.datetime
    asked_a_at: dt.datetime | None
    a_answered_at: dt.datetime | None
    asked_b_at: dt.datetime | None
    b_answered_at: dt.datetime | None
    made_at: dt.datetime | None
    closed_at: dt.datetime | None


class IntroductionDetailOut(IntroductionOut):
    current_step: str | None = Field(description="The step whose draft to send now.")
    drafts: list[IntroDraftOut] = Field(description="Asking A, asking B, and the introduction.")


class IntroductionsOut(Schema):
    count: int
    items: list[IntroductionOut]


class IntroductionsQuery(Schema):
    status: IntroductionStatus | None = Field(None, description="Only this status.")
    open: bool = Field(False, description="Only introductions in progress.")
    person: int | None = Field(None, ge=1, le=MAX_ID, description="Only those with this person.")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


class IntroductionIn(Schema):
    person_a: int = Field(ge=1, le=MAX_ID, description="The person with the need (asked first).")
    person_b: int = Field(ge=1, le=MAX_ID, description="The person who can help.")
    note: str = Field("", max_length=2000)


class IntroAnswerIn(Schema):
    # Required, but checked after the introduction is found: another owner's id is a 404
    # whatever the body says.
    side: IntroductionSide | None = Field(None, description="a: the first person; b: the second.")
    agreed: bool | None = Field(None, description="Whether they said yes.")


class IntroCancelIn(Schema):
    note: str | None = Field(None, max_length=2000)
