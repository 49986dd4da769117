"""API routes of the pipeline (opportunities, moves, funnel) and of the insights."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from entregent.core.api import ObjectId, lookup_optional, owner_of, paginate, responses
from entregent.core.errors import InvalidInput
from entregent.people.selectors import person_get
from entregent.pipeline.insights import insights_data
from entregent.pipeline.schemas import (
    FunnelOut,
    InsightsOut,
    MoveIn,
    OpportunityIn,
    OpportunityOut,
    OpportunityPage,
    OpportunityPatch,
    OpportunityQuery,
)
from entregent.pipeline.selectors import funnel, opportunity_get, opportunity_list
from entregent.pipeline.services import (
    opportunity_create,
    opportunity_delete,
    opportunity_move,
    opportunity_update,
)

router = Router()

# Body ids are resolved by the services among the owner's rows: another owner's id is a
# 422 naming the field, like any other invalid value.
_IDS = {
    "organization_id": "organization",
    "asked_person_id": "asked_person",
    "people_ids": "people",
}


def _renamed(changes: dict[str, Any]) -> dict[str, Any]:
    return {_IDS.get(k, k): v for k, v in changes.items()}


@router.get("/opportunities", response=responses({200: OpportunityPage}, lookup=True))
def opportunities_list(request: HttpRequest, query: Query[OpportunityQuery]) -> object:
    """Opportunities in board order, narrowed by kind, stage or person."""
    owner = owner_of(request)
    found = opportunity_list(
        owner=owner,
        kind=query.kind or "",
        stage=query.stage or "",
        person=lookup_optional(person_get, owner, query.person, "person"),
    )
    return paginate(found, query)


@router.post("/opportunities", response=responses({201: OpportunityOut}, body=True, unsafe=True))
def opportunities_create(request: HttpRequest, payload: OpportunityIn) -> object:
    """Put an opportunity on its board (at the bottom of its stage's column)."""
    owner = owner_of(request)
    opportunity = opportunity_create(owner=owner, **_renamed(payload.model_dump()))
    return Status(201, opportunity_get(owner=owner, pk=opportunity.pk))


@router.get("/opportunities/funnel", response=responses({200: list[FunnelOut]}, params=False))
def opportunities_funnel(request: HttpRequest) -> object:
    """Per kind, how many opportunities were pitched, replied, booked a call, were won."""
    return [
        {"kind": f.kind, "label": f.label, "summary": f.summary, "steps": f.steps}
        for f in funnel(owner=owner_of(request))
    ]


@router.get(
    "/opportunities/{opportunity_id}", response=responses({200: OpportunityOut}, lookup=True)
)
def opportunities_get(request: HttpRequest, opportunity_id: ObjectId) -> object:
    """One opportunity."""
    return opportunity_get(owner=owner_of(request), pk=opportunity_id)


@router.patch(
    "/opportunities/{opportunity_id}",
    response=responses({200: OpportunityOut}, body=True, unsafe=True, lookup=True),
)
def opportunities_update(
    request: HttpRequest, opportunity_id: ObjectId, payload: OpportunityPatch
) -> object:
    """Change an opportunity's fields; `people_ids` replaces its people."""
    owner = owner_of(request)
    opportunity = opportunity_get(owner=owner, pk=opportunity_id)
    opportunity_update(opportunity=opportunity, **_renamed(payload.model_dump(exclude_unset=True)))
    return opportunity_get(owner=owner, pk=opportunity_id)


@router.post(
    "/opportunities/{opportunity_id}/move",
    response=responses({200: OpportunityOut}, body=True, unsafe=True, lookup=True),
)
def opportunities_move(request: HttpRequest, opportunity_id: ObjectId, payload: MoveIn) -> object:
    """Move an opportunity to a stage, at a place in its column; a new stage is recorded
    in its history (the funnel counts from it)."""
    owner = owner_of(request)
    opportunity = opportunity_get(owner=owner, pk=opportunity_id)
    if payload.stage is None:
        raise InvalidInput.for_field("stage", _("This field is required."))
    opportunity_move(opportunity=opportunity, stage=payload.stage, position=payload.position)
    return opportunity_get(owner=owner, pk=opportunity_id)


@router.delete(
    "/opportunities/{opportunity_id}", response=responses({204: None}, unsafe=True, lookup=True)
)
def opportunities_delete(request: HttpRequest, opportunity_id: ObjectId) -> object:
    """Take an opportunity off its board, with its history."""
    opportunity_delete(opportunity=opportunity_get(owner=owner_of(request), pk=opportunity_id))
    return Status(204, None)


@router.get("/insights", response=responses({200: InsightsOut}, params=False), tags=["insights"])
def insights(request: HttpRequest) -> object:
    """The insights page's charts as data: each chart's title, description and table."""
    return insights_data(owner=owner_of(request)).as_dict()
