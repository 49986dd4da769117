"""API shapes of encounters and events."""

import datetime as dt
from typing import Annotated, Literal

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
from entregent.encounters.choices import Attendance, Channel, EventKind, Initiator
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
    attendance: str = Field(description="planned, attended, skipped, or empty for not said.")
    my_intro: str
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


# Event yield and preparation ------------------------------------------------------------


class YieldOut(Schema):
    """What meetings at events gave. Shares are 0..1, null when there is nothing to divide.

    `active_30` / `active_90` count people with a meaningful encounter 30 / 90 days or more
    after the meeting, among the meetings old enough to tell (`active_30_eligible`…).
    """

    people_met: int
    first_met: int = Field(description="People met there for the first time.")
    already_known: int
    followed_up_24h: int = Field(
        description="People followed up within 24 hours (a follow-up done, or an exchange)."
    )
    followed_up_24h_share: float | None
    active_30_eligible: int
    active_30: int
    active_30_share: float | None
    active_90_eligible: int
    active_90: int
    active_90_share: float | None


class EventYieldOut(YieldOut):
    """One event's yield; `too_early_*` while the 30 / 90 days are still to come."""

    event_id: int
    too_early_30: bool
    too_early_90: bool


class YieldGroupOut(YieldOut):
    """The yield of the events of one kind and/or one size band."""

    kind: EventKind | None = None
    size_band: str | None = Field(None, description="small (<100), medium, large (>500), unknown.")
    events: int
    people_per_event: float | None


class YieldSummaryOut(Schema):
    """Yield across the past events attended: overall, by kind, by size band, by both."""

    overall: YieldGroupOut
    by_kind: list[YieldGroupOut]
    by_size: list[YieldGroupOut]
    by_kind_and_size: list[YieldGroupOut]


class PrepPersonOut(Schema):
    """Someone on a prep list with one line to remember."""

    id: int
    name: str
    headline: str
    last_met: dt.datetime | None
    last_topic: str
    open_followup: str
    offer: str
    need: str
    reminder: str


class PrepEventOut(Schema):
    id: int
    name: str
    kind: EventKind
    date: dt.date
    place: str
    size: int | None
    attendance: str


class WantToMeetOut(Schema):
    people: list[PrepPersonOut]
    others: list[str] = Field(description="Names or roles, one per line as written.")


class EventPrepOut(Schema):
    """An event's prep list: who is going, who I want to meet, my one-line introduction."""

    event: PrepEventOut
    upcoming: bool
    my_intro: str
    going: list[PrepPersonOut]
    want_to_meet: WantToMeetOut


class EventPlanIn(InputSchema):
    """What to change in an event's plan; fields left out stay. Lists replace the current ones."""

    attendance: Attendance | Literal[""] = unchanged(
        description="planned, attended, skipped, or empty for not said."
    )
    my_intro: str = text(Event, "my_intro", default=None)
    want_to_meet: str = text(Event, "want_to_meet", default=None)
    expected_people_ids: list[Id] = unchanged(max_length=200)
    wanted_people_ids: list[Id] = unchanged(max_length=200)
