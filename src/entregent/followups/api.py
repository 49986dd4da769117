"""API routes of follow-ups: plain create, read, update and delete."""

from django.http import HttpRequest
from ninja import Query, Router, Status

from entregent.core.api import ObjectId, lookup, lookup_optional, owner_of, paginate, responses
from entregent.followups.schemas import (
    FollowUpIn,
    FollowUpOut,
    FollowUpPage,
    FollowUpPatch,
    FollowUpQuery,
)
from entregent.followups.selectors import followup_get, followup_list
from entregent.followups.services import followup_create, followup_delete, followup_update
from entregent.people.selectors import person_get

router = Router()


@router.get("/followups", response=responses({200: FollowUpPage}, lookup=True))
def followups_list(request: HttpRequest, query: Query[FollowUpQuery]) -> object:
    """Follow-ups, soonest due first, of one person or everyone, by status."""
    owner = owner_of(request)
    person = lookup_optional(person_get, owner, query.person, "person")
    return paginate(followup_list(owner=owner, person=person, status=query.status or ""), query)


@router.post(
    "/followups", response=responses({201: FollowUpOut}, body=True, unsafe=True, lookup=True)
)
def followups_create(request: HttpRequest, payload: FollowUpIn) -> object:
    """Plan something to do for a person by a date."""
    owner = owner_of(request)
    followup = followup_create(
        owner=owner,
        person=lookup(person_get, owner, payload.person_id, "person_id"),
        due_on=payload.due_on,
        kind=payload.kind,
        topic=payload.topic,
    )
    return Status(201, followup)


@router.get("/followups/{followup_id}", response=responses({200: FollowUpOut}, lookup=True))
def followups_get(request: HttpRequest, followup_id: ObjectId) -> object:
    """One follow-up."""
    return followup_get(owner=owner_of(request), pk=followup_id)


@router.patch(
    "/followups/{followup_id}",
    response=responses({200: FollowUpOut}, body=True, unsafe=True, lookup=True),
)
def followups_update(request: HttpRequest, followup_id: ObjectId, payload: FollowUpPatch) -> object:
    """Change a follow-up's date, kind, topic or status."""
    followup = followup_get(owner=owner_of(request), pk=followup_id)
    return followup_update(followup=followup, **payload.model_dump(exclude_unset=True))


@router.delete(
    "/followups/{followup_id}", response=responses({204: None}, unsafe=True, lookup=True)
)
def followups_delete(request: HttpRequest, followup_id: ObjectId) -> object:
    """Forget a follow-up."""
    followup_delete(followup=followup_get(owner=owner_of(request), pk=followup_id))
    return Status(204, None)
