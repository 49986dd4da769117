"""API routes for introduction paths (`GET /paths`) and brokers (`GET /brokers`)."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from entregent.core.api import owner_of, responses
from entregent.network.paths import (
    PATHS_K,
    brokers_data,
    introduction_paths,
    network_brokers,
    path_target,
    paths_data,
)

router = Router()


class PathsQuery(Schema):
    """Exactly one of `person`, `org`, `skill`."""

    person: str = Field("", max_length=200, description="A person's id or name.")
    org: str = Field("", max_length=200, description="An organization's id or name.")
    skill: str = Field("", max_length=200, description="A skill, in English or French.")
    limit: int = Field(PATHS_K, ge=1, le=20, description="How many paths (distinct first people).")


class BrokersQuery(Schema):
    limit: int = Field(10, ge=1, le=50, description="How many brokers.")


class NamedOut(Schema):
    id: int
    name: str
    organization: str = Field(description="Their organization's name, or empty.")


class TargetOut(Schema):
    kind: Literal["person", "org", "skill"]
    label: str = Field(description="The person's or organization's name, or the skill asked.")
    people: int = Field(description="How many people the target designates.")
    capped: bool = Field(description="True when more people matched than were searched (2000).")
    organization_id: int | None
    person_id: int | None


class DirectOut(Schema):
    person: NamedOut
    tie: float = Field(description="Your tie strength with this target, 0..1.")


class StepOut(Schema):
    from_id: int | None = Field(description="None for the first step, which starts from you.")
    to_id: int
    weight: float = Field(description="How warm this tie is, 0..1.")
    kind: str = Field(
        description=(
            "me (your tie), a connection kind (family, colleague, introduced, knows, "
            "met_at_event), introduced_me (one introduced you to the other), together "
            "(seen together at encounters), or offer (what the target offers, for a skill)."
        )
    )
    explanation: str


class DraftOut(Schema):
    to_id: int
    language: str
    email: str = Field(description="The first person's first e-mail address, or empty.")
    subject: str
    body: str
    mailto: str


class PathOut(Schema):
    warmth: float = Field(description="The product of the weights along the path, 0..1.")
    hops: int
    people: list[NamedOut] = Field(description="From the person you would ask to the target.")
    steps: list[StepOut]
    draft: DraftOut


class PathsOut(Schema):
    target: TargetOut
    direct: list[DirectOut] = Field(description="Targets you already know yourself.")
    paths: list[PathOut]


class GroupOut(Schema):
    name: str
    contacts: int


class BrokerOut(Schema):
    person: NamedOut
    constraint: float = Field(description="Burt's constraint: lower means more brokerage.")
    contacts: int
    closure: float = Field(description="Share of pairs of their contacts who know each other.")
    groups: list[GroupOut]
    my_tie: float
    explanation: str


class BrokersOut(Schema):
    items: list[BrokerOut]


@router.get("/paths", response=responses({200: PathsOut}, lookup=True))
def paths_get(request: HttpRequest, query: Query[PathsQuery]) -> object:
    """Who can introduce you to a person (`person`), anyone at an organization (`org`) or
    anyone who offers a skill (`skill`): the warmest chains of ties of two or three hops
    (warmth = the product of the tie weights), one per first person, each step explained,
    with a draft asking the first person in their language. Give exactly one of the three
    (422 naming the field otherwise); 404 when the person or organization is not yours."""
    owner = owner_of(request)
    target = path_target(owner=owner, person=query.person, org=query.org, skill=query.skill)
    return paths_data(introduction_paths(owner=owner, target=target, k=query.limit))


@router.get("/brokers", response=responses({200: BrokersOut}))
def brokers_get(request: HttpRequest, query: Query[BrokersQuery]) -> object:
    """The people who bridge groups (organizations, else cities) that otherwise do not know
    each other, least constrained first (Burt's constraint), with the groups they connect."""
    return brokers_data(network_brokers(owner=owner_of(request), limit=query.limit))
