"""API shapes of the network map."""

from ninja import Schema
from pydantic import Field


class MapQuery(Schema):
    tag: str | None = Field(None, max_length=20, description="A tag's id: only people with it.")
    org: str | None = Field(
        None, max_length=20, description="An organization's id: only people there."
    )
    circle: str | None = Field(
        None, max_length=20, description="Only this circle: inner, active, weak or dormant."
    )
    event: str | None = Field(
        None, max_length=20, description="An event's id: only people met there."
    )


class MapOrganizationOut(Schema):
    id: int
    name: str


class MapNodeOut(Schema):
    id: int = Field(description="The person's id.")
    name: str
    circle: str
    organization: MapOrganizationOut | None
    score: float = Field(description="My tie strength with them, 0..1.")
    degree: int = Field(description="How many of their ties the map draws.")
    x: float = Field(description="Position, me at (0, 0); nearer = closer to me.")
    y: float


class MapEdgeOut(Schema):
    source: int
    target: int
    weight: float = Field(description="How close the link is, 0..1 (family 0.9 … met at 0.35).")
    kind: str


class MyTieOut(Schema):
    person: int
    weight: float = Field(description="My tie strength with them, 0..1.")


class MapFiltersOut(Schema):
    tag: int | None
    org: int | None
    circle: str | None
    event: int | None


class MapOut(Schema):
    total: int = Field(description="People matching the filters.")
    shown: int = Field(description="People on the map (at most `limit`).")
    limit: int
    truncated: bool = Field(
        description="More people matched than the map shows: the most connected are shown."
    )
    filters: MapFiltersOut
    nodes: list[MapNodeOut]
    edges: list[MapEdgeOut] = Field(description="Ties between two people on the map.")
    my_ties: list[MyTieOut] = Field(description="My ties, from me at the centre to each person.")
