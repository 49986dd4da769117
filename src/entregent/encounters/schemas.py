"""API shapes of encounters and events."""

import datetime as dt
from typing import Annotated

from ninja import Schema
from pydantic import Field

from entregent.core.schemas import (
    EventRef,
    Id,
    InputSchema,
    PageOut,
    PageQuery,
    PersonRef,
    SearchText,
    StorableDatetime,
    text,
    unchanged,
)
from entregent.encounters.choices import Channel, EventKind, Initiator
from entregent.encounters.models import Encounter, Event

MAX_PARTICIPANTS = 100
Size = Annotated[int, Field(ge=0, le=1_000_000)]

# Events ---------------------------------------------------------------------------------


class EventOut(Schema):
    """An event; `encounter_count` is given in lists."""

    id: int
    name: str
    kind: EventKind
    date: dt.date
    place: str
    size: int | None = Field(description="Approximate number of people there.")
    notes: str
    encounter_count: int | None = None
    created: dt.datetime
    updated: dt.datetime

    @staticmethod
    def resolve_encounter_count(obj: Event) -> int | None:
        return getattr(obj, "encounter_count", None)


class EventIn(InputSchema):
    name: str = text(Event, "name")
    kind: EventKind = EventKind.MEETUP
    date: dt.date
    place: str = text(Event, "place", default="")
    size: Size | None = None
    notes: str = text(Event, "notes", default="")


class EventPatch(InputSchema):
    """Fields to change; fields left out stay as they are."""

    name: str = text(Event, "name", default=None)
    kind: EventKind = unchanged()
    date: dt.date = unchanged()
    place: str = text(Event, "place", default=None)
    size: Size | None = None
    notes: str = text(Event, "notes", default=None)


class EventQuery(PageQuery):
    q: SearchText = Field("", description="Part of the name.")
    kind: EventKind | None = None


class EventPage(PageOut):
    items: list[EventOut]


# Encounters -----------------------------------------------------------------------------


class EncounterOut(Schema):
    """An interaction with one or more people."""

    id: int
    occurred_at: dt.datetime
    channel: Channel
    place: str
    event: EventRef | None
    participants: list[PersonRef]
    summary: str
    meaningful: bool
    initiated_by: Initiator
    created: dt.datetime
    updated: dt.datetime


class EncounterIn(InputSchema):
    participant_ids: list[Id] = Field(min_length=1, max_length=MAX_PARTICIPANTS)
    occurred_at: StorableDatetime | None = Field(None, description="Default: now.")
    channel: Channel = Channel.IN_PERSON
    place: str = text(Encounter, "place", default="")
    event_id: Id | None = None
    summary: str = text(Encounter, "summary", default="")
    meaningful: bool = True
    initiated_by: Initiator = Initiator.UNKNOWN


class EncounterPatch(InputSchema):
    """Fields to change; fields left out stay as they are. `participant_ids` replaces the list."""

    participant_ids: list[Id] = unchanged(min_length=1, max_length=MAX_PARTICIPANTS)
    occurred_at: StorableDatetime = unchanged()
    channel: Channel = unchanged()
    place: str = text(Encounter, "place", default=None)
    event_id: Id | None = Field(None, description="An event, or null for none.")
    summary: str = text(Encounter, "summary", default=None)
    meaningful: bool = unchanged()
    initiated_by: Initiator = unchanged()


class EncounterQuery(PageQuery):
    person: Id | None = Field(None, description="Encounters with this person.")
    channel: Channel | None = None
    event: Id | None = Field(None, description="Encounters at this event.")


class EncounterPage(PageOut):
    items: list[EncounterOut]


class EventOverviewOut(Schema):
    """An event with the people met there and the encounters logged at it."""

    event: EventOut
    people: list[PersonRef]
    encounters: list[EncounterOut]
