"""API shapes of people, organizations, tags, facts, milestones and connections."""

import datetime as dt
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field, model_validator

from entregent.core.schemas import (
    Id,
    InputSchema,
    NoControlCharacters,
    OrganizationRef,
    PageOut,
    PageQuery,
    PersonRef,
    SearchText,
    max_length,
    text,
    unchanged,
)
from entregent.encounters.choices import Channel
from entregent.encounters.schemas import EncounterOut
from entregent.followups.schemas import FollowUpOut
from entregent.people.choices import Circle, ConnectionKind, FactKind, LinkKind, MilestoneKind
from entregent.people.models import (
    Connection,
    EmailAddress,
    Fact,
    Link,
    Milestone,
    Organization,
    Person,
    Tag,
)

MAX_ITEMS = 50
"""How many e-mails, phones, links or tags one request may give."""

Email = Annotated[str, Field(max_length=max_length(EmailAddress, "address"))]
Phone = Annotated[str, Field(max_length=64)]
Url = Annotated[str, Field(max_length=max_length(Link, "url"))]
TagName = Annotated[str, Field(max_length=max_length(Tag, "name"))]
Cadence = Annotated[int, Field(ge=1, le=3650)]

# Organizations --------------------------------------------------------------------------


class OrganizationOut(Schema):
    """An organization; `people_count` (active people) is given in lists."""

    id: int
    name: str
    domain: str
    industry: str
    notes: str
    people_count: int | None = None
    created: dt.datetime
    updated: dt.datetime

    @staticmethod
    def resolve_people_count(obj: Organization) -> int | None:
        return getattr(obj, "people_count", None)


class OrganizationIn(InputSchema):
    """A new organization; its name is unique in the account (case-insensitive)."""

    name: str = text(Organization, "name")
    domain: str = text(Organization, "domain", default="")
    industry: str = text(Organization, "industry", default="")
    notes: str = text(Organization, "notes", default="")


class OrganizationPatch(InputSchema):
    """Fields to change; fields left out stay as they are."""

    name: str = text(Organization, "name", default=None)
    domain: str = text(Organization, "domain", default=None)
    industry: str = text(Organization, "industry", default=None)
    notes: str = text(Organization, "notes", default=None)


class OrganizationQuery(PageQuery):
    q: SearchText = Field("", description="Part of the name.")


class OrganizationPage(PageOut):
    items: list[OrganizationOut]


# Tags -----------------------------------------------------------------------------------


class TagOut(Schema):
    id: int
    name: str
    people_count: int = 0

    @staticmethod
    def resolve_people_count(obj: Tag) -> int:
        return getattr(obj, "people_count", 0)


class TagPage(PageOut):
    items: list[TagOut]


# People ---------------------------------------------------------------------------------


class LinkOut(Schema):
    url: str
    kind: LinkKind


class PersonOut(Schema):
    """A person as recorded: names, how to reach them, how close they are."""

    id: int
    full_name: str
    given_name: str
    family_name: str
    headline: str
    organization: OrganizationRef | None
    city: str
    language: str = Field(description="Language code (en, fr) or empty.")
    how_we_met: str
    introduced_by: PersonRef | None
    circle: Circle
    circle_pinned: bool
    cadence_days: int | None
    notes: str
    tags: list[str]
    emails: list[str]
    phones: list[str] = Field(description="E.164, e.g. +33612345678.")
    links: list[LinkOut]
    archived: bool
    created: dt.datetime
    updated: dt.datetime

    @staticmethod
    def resolve_tags(obj: Person) -> list[str]:
        return [t.name for t in obj.tags.all()]

    @staticmethod
    def resolve_emails(obj: Person) -> list[str]:
        return [e.address for e in obj.emails.all()]

    @staticmethod
    def resolve_phones(obj: Person) -> list[str]:
        return [p.number for p in obj.phones.all()]


class PersonIn(InputSchema):
    """A new person. Give `full_name` (parsed into given and family names) or the parts."""

    full_name: str = text(Person, "full_name", default="")
    given_name: str = text(Person, "given_name", default="")
    family_name: str = text(Person, "family_name", default="")
    headline: str = text(Person, "headline", default="")
    organization_id: Id | None = Field(None, description="One of the account's organizations.")
    organization_name: str = text(
        Organization,
        "name",
        default="",
        description="An organization by name, created when new (instead of organization_id).",
    )
    city: str = text(Person, "city", default="")
    language: str = text(Person, "language", default="", description="en, fr or empty.")
    how_we_met: str = text(Person, "how_we_met", default="")
    introduced_by_id: Id | None = Field(None, description="Another of the account's people.")
    circle: Circle = Circle.ACTIVE
    circle_pinned: bool = False
    cadence_days: Cadence | None = Field(None, description="Keep in touch every N days.")
    notes: str = text(Person, "notes", default="")
    emails: list[Email] = Field(default_factory=list, max_length=MAX_ITEMS)
    phones: list[Phone] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description="Written freely; stored in E.164 (the account's region applies without +).",
    )
    links: list[Url] = Field(default_factory=list, max_length=MAX_ITEMS)
    tags: list[TagName] = Field(default_factory=list, max_length=MAX_ITEMS)

    @model_validator(mode="after")
    def _one_way_to_name_the_organization(self) -> "PersonIn":
        _check_one_organization(self.model_fields_set)
        return self


class PersonPatch(InputSchema):
    """Fields to change; fields left out stay as they are. Lists replace the old ones."""

    full_name: str = text(Person, "full_name", default=None)
    given_name: str = text(Person, "given_name", default=None)
    family_name: str = text(Person, "family_name", default=None)
    headline: str = text(Person, "headline", default=None)
    organization_id: Id | None = Field(None, description="An organization, or null for none.")
    organization_name: str = text(
        Organization,
        "name",
        default=None,
        description="An organization by name, created when new; empty for none.",
    )
    city: str = text(Person, "city", default=None)
    language: str = text(Person, "language", default=None, description="en, fr or empty.")
    how_we_met: str = text(Person, "how_we_met", default=None)
    introduced_by_id: Id | None = Field(None, description="Another person, or null for none.")
    circle: Circle = unchanged()
    circle_pinned: bool = unchanged()
    cadence_days: Cadence | None = Field(None, description="Keep in touch every N days.")
    notes: str = text(Person, "notes", default=None)
    emails: list[Email] = unchanged(max_length=MAX_ITEMS)
    phones: list[Phone] = unchanged(max_length=MAX_ITEMS)
    links: list[Url] = unchanged(max_length=MAX_ITEMS)
    tags: list[TagName] = unchanged(max_length=MAX_ITEMS)
    archived: bool = unchanged(description="Archive (true) or bring back (false).")

    @model_validator(mode="after")
    def _one_way_to_name_the_organization(self) -> "PersonPatch":
        _check_one_organization(self.model_fields_set)
        return self


def _check_one_organization(given: set[str]) -> None:
    if {"organization_id", "organization_name"} <= given:
        raise ValueError(_("Give organization_id or organization_name, not both."))


class PersonQuery(PageQuery):
    q: SearchText = Field("", description="Words found in names, organization, tags, facts, notes.")
    tag: SearchText = Field("", description="A tag name.")
    organization: Id | None = Field(None, description="An organization id.")
    circle: Circle | None = None
    channel: Channel | None = Field(None, description="Met through this channel at least once.")
    archived: bool = Field(False, description="List archived people instead of active ones.")


class SearchQuery(PageQuery):
    q: Annotated[str, Field(min_length=1, max_length=200), NoControlCharacters] = Field(
        description="Words found in names, organization, tags, facts, notes (by prefix)."
    )


class PersonPage(PageOut):
    items: list[PersonOut]


# Facts ----------------------------------------------------------------------------------


class FactOut(Schema):
    """Something learned; `person_id` null means it is about the account's owner ("me")."""

    id: int
    person_id: int | None
    kind: FactKind
    text: str
    encounter_id: int | None
    created: dt.datetime
    updated: dt.datetime


class FactIn(InputSchema):
    person_id: Id | None = Field(None, description="A person, or null for a fact about me.")
    kind: FactKind
    text: str = text(Fact, "text")
    encounter_id: Id | None = Field(None, description="The encounter it was learned at.")


class FactPatch(InputSchema):
    """Fields to change; fields left out stay as they are."""

    kind: FactKind = unchanged()
    text: str = text(Fact, "text", default=None)


class FactQuery(PageQuery):
    person: Id | None = Field(None, description="Facts about this person.")
    me: bool = Field(False, description="Only facts about me (person_id null).")
    kind: FactKind | None = None


class FactPage(PageOut):
    items: list[FactOut]


# Milestones -----------------------------------------------------------------------------


class MilestoneOut(Schema):
    id: int
    person_id: int
    kind: MilestoneKind
    date: dt.date
    yearly: bool
    note: str
    created: dt.datetime
    updated: dt.datetime


class MilestoneIn(InputSchema):
    person_id: Id
    kind: MilestoneKind
    date: dt.date
    yearly: bool | None = Field(None, description="Default: yes for birthdays and anniversaries.")
    note: str = text(Milestone, "note", default="")


class MilestonePatch(InputSchema):
    """Fields to change; fields left out stay as they are."""

    kind: MilestoneKind = unchanged()
    date: dt.date = unchanged()
    yearly: bool = unchanged()
    note: str = text(Milestone, "note", default=None)


class MilestoneQuery(PageQuery):
    person: Id | None = Field(None, description="Milestones of this person.")


class MilestonePage(PageOut):
    items: list[MilestoneOut]


# Connections ----------------------------------------------------------------------------


class ConnectionOut(Schema):
    """Two people who know each other (read in both directions)."""

    id: int
    from_person: PersonRef
    to_person: PersonRef
    kind: ConnectionKind
    note: str
    created: dt.datetime
    updated: dt.datetime


class ConnectionIn(InputSchema):
    from_person_id: Id
    to_person_id: Id
    kind: ConnectionKind = ConnectionKind.KNOWS
    note: str = text(Connection, "note", default="")


class ConnectionPatch(InputSchema):
    """Fields to change; fields left out stay as they are."""

    kind: ConnectionKind = unchanged()
    note: str = text(Connection, "note", default=None)


class ConnectionQuery(PageQuery):
    person: Id | None = Field(None, description="Connections of this person, either direction.")


class ConnectionPage(PageOut):
    items: list[ConnectionOut]


# A person at a glance -------------------------------------------------------------------


class PersonOverviewOut(Schema):
    """Everything the person page shows: facts, recent encounters, connections, milestones."""

    person: PersonOut
    facts: list[FactOut]
    encounters: list[EncounterOut] = Field(description="The most recent 50, newest first.")
    connections: list[ConnectionOut]
    milestones: list[MilestoneOut]
    followups: list[FollowUpOut] = Field(description="Open follow-ups, soonest first.")
