"""API shapes of synergies (ways to help, who can help) and "share this"."""

import datetime as dt

from ninja import Schema
from pydantic import Field

from entregent.core.schemas import Id, PersonRef
from entregent.followups.choices import FollowUpKind, FollowUpStatus


class SynergyPersonOut(Schema):
    id: int
    full_name: str
    headline: str
    organization: str = Field(description="The organization's name, or empty.")


class SynergyMatchOut(Schema):
    """One need met by one offer."""

    need_id: int | None = Field(description="The need's fact; null for a need typed in.")
    need: str
    offer_id: int | None = Field(description="The offer's fact.")
    offer: str
    score: float = Field(description="0..1.")
    matched: list[str] = Field(
        description='What matched, the need\'s words first: "logo ~ graphiste"; '
        '"similar meaning" when only the optional semantic extra found it.'
    )


class SynergyOut(Schema):
    """A person to help or to ask, with why."""

    person: SynergyPersonOut
    score: float = Field(description="The best match's, a little more for each further one.")
    sentence: str = Field(description="The evidence, in the account's language.")
    matches: list[SynergyMatchOut] = Field(description="Their best matches, at most three.")


class SynergiesOut(Schema):
    need: str | None = Field(description="The need asked about; null for my recorded needs.")
    count: int
    items: list[SynergyOut] = Field(description="Best first.")


class SynergiesQuery(Schema):
    limit: int = Field(20, ge=1, le=100, description="How many people, 1 to 100.")


class WhoCanHelpQuery(Schema):
    need: str | None = Field(
        None,
        max_length=500,
        description="A need in your own words (English or French); default: your needs.",
    )
    limit: int = Field(20, ge=1, le=100, description="How many people, 1 to 100.")


class PersonSynergiesOut(Schema):
    """One person's needs you can meet, and their offers that meet your needs."""

    person: PersonRef
    i_can_help: list[SynergyMatchOut]
    they_can_help: list[SynergyMatchOut]


class ShareIn(Schema):
    """An article: its address and/or its text (a title helps)."""

    url: str = Field("", max_length=250, description="http(s) address.")
    title: str = Field("", max_length=200)
    text: str = Field("", max_length=100_000, description="The article's text, pasted.")
    limit: int = Field(20, ge=1, le=100)


class ShareReasonOut(Schema):
    kind: str = Field(description="interest, project or need.")
    fact_id: int
    text: str
    score: float = Field(description="How much of the fact the article covers, 0..1.")
    matched: list[str]


class ShareSuggestionOut(Schema):
    person: SynergyPersonOut
    score: float
    planned: bool = Field(description="A share follow-up for this article is already open.")
    reasons: list[ShareReasonOut]


class ShareOut(Schema):
    url: str
    title: str
    topic: str = Field(description="The topic share follow-ups get: title and address.")
    count: int
    items: list[ShareSuggestionOut] = Field(description="Who would care, best first.")


class ShareFollowUpsIn(Schema):
    """Plan a share follow-up for each person (due today unless `due_on`)."""

    people: list[Id] = Field(description="Person ids, at most 100.")
    url: str = Field("", max_length=250)
    title: str = Field("", max_length=200)
    text: str = Field("", max_length=100_000, description="Used for the topic with no URL.")
    due_on: dt.date | None = None


class ShareFollowUpOut(Schema):
    id: int
    person_id: int
    due_on: dt.date
    kind: FollowUpKind
    topic: str
    status: FollowUpStatus


class ShareFollowUpsOut(Schema):
    topic: str
    created: list[ShareFollowUpOut]
    existing: list[ShareFollowUpOut] = Field(
        description="Already open for the same person and topic: left as they were."
    )
