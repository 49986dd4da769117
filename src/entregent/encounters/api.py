"""API routes of encounters and events: thin adapters over the encounters services."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from entregent.core.api import ObjectId, lookup, lookup_optional, owner_of, paginate, responses
from entregent.encounters.planning import event_plan, event_prep
from entregent.encounters.schemas import (
    EncounterIn,
    EncounterOut,
    EncounterPage,
    EncounterPatch,
    EncounterQuery,
    EventIn,
    EventOut,
    EventOverviewOut,
    EventPage,
    EventPatch,
    EventPlanIn,
    EventPrepOut,
    EventQuery,
    EventYieldOut,
    YieldSummaryOut,
)
from entregent.encounters.selectors import (
    encounter_get,
    encounter_list,
    event_detail,
    event_get,
    event_list,
)
from entregent.encounters.services import (
    encounter_delete,
    encounter_log,
    encounter_update,
    event_create,
    event_delete,
    event_update,
)
from entregent.encounters.yields import event_yield, event_yield_by_kind_and_size
from entregent.people.models import Person
from entregent.people.selectors import person_get

events = Router(tags=["events"])
encounters = Router(tags=["encounters"])

router = Router()
router.add_router("", events)
router.add_router("", encounters)


# Events ---------------------------------------------------------------------------------


@events.get("/events", response=responses({200: EventPage}))
def events_list(request: HttpRequest, query: Query[EventQuery]) -> object:
    """Events, newest first, with how many encounters each had; `q` matches the name."""
    return paginate(event_list(owner=owner_of(request), q=query.q, kind=query.kind or ""), query)


@events.post("/events", response=responses({201: EventOut}, body=True, unsafe=True))
def events_create(request: HttpRequest, payload: EventIn) -> object:
    """Keep an event (meetup, conference…) to log encounters at."""
    return Status(201, event_create(owner=owner_of(request), **payload.model_dump()))


@events.get("/events/yield", response=responses({200: YieldSummaryOut}, params=False))
def events_yield(request: HttpRequest) -> object:
    """Which events pay off: yield of the past events attended, by kind and by size band."""
    return event_yield_by_kind_and_size(owner=owner_of(request)).as_dict()


@events.get("/events/{event_id}/yield", response=responses({200: EventYieldOut}, lookup=True))
def events_yield_one(request: HttpRequest, event_id: ObjectId) -> object:
    """One event's yield: people met there, followed up within 24 hours, still active."""
    owner = owner_of(request)
    return event_yield(owner=owner, event=event_get(owner=owner, pk=event_id)).as_dict()


@events.get("/events/{event_id}/prep", response=responses({200: EventPrepOut}, lookup=True))
def events_prep(request: HttpRequest, event_id: ObjectId) -> object:
    """An event's prep list: who I know who is going (with a reminder each), who I want to
    meet, my one-line introduction."""
    return event_prep(owner=owner_of(request), pk=event_id).as_dict()


@events.patch(
    "/events/{event_id}/plan",
    response=responses({200: EventPrepOut}, body=True, unsafe=True, lookup=True),
)
def events_plan(request: HttpRequest, event_id: ObjectId, payload: EventPlanIn) -> object:
    """Plan an event: attendance, my one-line introduction, who is going, who I want to meet."""
    owner = owner_of(request)
    event = event_get(owner=owner, pk=event_id)
    changes = payload.model_dump(exclude_unset=True)
    people: dict[str, Any] = {}
    for field, name in (
        ("expected_people_ids", "expected_people"),
        ("wanted_people_ids", "wanted_people"),
    ):
        if field in changes:
            people[name] = _participants(request, changes.pop(field), field)
    event_plan(event=event, **changes, **people)
    return event_prep(owner=owner, pk=event.pk).as_dict()


@events.get("/events/{event_id}", response=responses({200: EventOut}, lookup=True))
def events_get(request: HttpRequest, event_id: ObjectId) -> object:
    """One event."""
    return event_get(owner=owner_of(request), pk=event_id)


@events.get("/events/{event_id}/overview", response=responses({200: EventOverviewOut}, lookup=True))
def events_overview(request: HttpRequest, event_id: ObjectId) -> object:
    """An event with the people met there and the encounters logged at it."""
    detail = event_detail(owner=owner_of(request), pk=event_id)
    return {"event": detail.event, "people": detail.people, "encounters": detail.encounters}


@events.patch(
    "/events/{event_id}", response=responses({200: EventOut}, body=True, unsafe=True, lookup=True)
)
def events_update(request: HttpRequest, event_id: ObjectId, payload: EventPatch) -> object:
    """Change an event's fields."""
    event = event_get(owner=owner_of(request), pk=event_id)
    return event_update(event=event, **payload.model_dump(exclude_unset=True))


@events.delete("/events/{event_id}", response=responses({204: None}, unsafe=True, lookup=True))
def events_delete(request: HttpRequest, event_id: ObjectId) -> object:
    """Delete an event; its encounters stay, without an event."""
    event_delete(event=event_get(owner=owner_of(request), pk=event_id))
    return Status(204, None)


# Encounters -----------------------------------------------------------------------------


def _participants(
    request: HttpRequest, ids: list[int], field: str = "participant_ids"
) -> list[Person]:
    owner = owner_of(request)
    return [lookup(person_get, owner, pk, field) for pk in dict.fromkeys(ids)]


@encounters.get("/encounters", response=responses({200: EncounterPage}, lookup=True))
def encounters_list(request: HttpRequest, query: Query[EncounterQuery]) -> object:
    """Encounters, newest first, narrowed by person, channel or event."""
    owner = owner_of(request)
    found = encounter_list(
        owner=owner,
        person=lookup_optional(person_get, owner, query.person, "person"),
        channel=query.channel or "",
        event=lookup_optional(event_get, owner, query.event, "event"),
    )
    return paginate(found, query)


@encounters.post(
    "/encounters", response=responses({201: EncounterOut}, body=True, unsafe=True, lookup=True)
)
def encounters_create(request: HttpRequest, payload: EncounterIn) -> object:
    """Log an interaction with one or more people (at an event, through a channel)."""
    owner = owner_of(request)
    fields = payload.model_dump(exclude={"participant_ids", "event_id"})
    encounter = encounter_log(
        owner=owner,
        participants=_participants(request, payload.participant_ids),
        event=lookup_optional(event_get, owner, payload.event_id, "event_id"),
        **fields,
    )
    return Status(201, encounter_get(owner=owner, pk=encounter.pk))


@encounters.get("/encounters/{encounter_id}", response=responses({200: EncounterOut}, lookup=True))
def encounters_get(request: HttpRequest, encounter_id: ObjectId) -> object:
    """One encounter with its participants."""
    return encounter_get(owner=owner_of(request), pk=encounter_id)


@encounters.patch(
    "/encounters/{encounter_id}",
    response=responses({200: EncounterOut}, body=True, unsafe=True, lookup=True),
)
def encounters_update(
    request: HttpRequest, encounter_id: ObjectId, payload: EncounterPatch
) -> object:
    """Correct an encounter; `participant_ids` replaces the list of people."""
    owner = owner_of(request)
    encounter = encounter_get(owner=owner, pk=encounter_id)
    changes = payload.model_dump(exclude_unset=True)
    participant_ids = changes.pop("participant_ids", None)
    if "event_id" in changes:
        changes["event"] = lookup_optional(event_get, owner, changes.pop("event_id"), "event_id")
    participants = _participants(request, participant_ids) if participant_ids is not None else None
    encounter_update(encounter=encounter, participants=participants, **changes)
    return encounter_get(owner=owner, pk=encounter_id)


@encounters.delete(
    "/encounters/{encounter_id}", response=responses({204: None}, unsafe=True, lookup=True)
)
def encounters_delete(request: HttpRequest, encounter_id: ObjectId) -> object:
    """Delete an encounter (its people stay)."""
    encounter_delete(encounter=encounter_get(owner=owner_of(request), pk=encounter_id))
    return Status(204, None)
