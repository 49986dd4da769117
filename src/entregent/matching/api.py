"""API routes of the matching app: a person's brief and common ground."""

from django.http import HttpRequest
from ninja import Query, Router

from entregent.core.api import ObjectId, owner_of, responses
from entregent.matching.output import brief_data, common_ground_data
from entregent.matching.schemas import BriefOut, CommonGroundOut, CommonGroundQuery
from entregent.matching.selectors import common_ground, person_brief

router = Router()


@router.get("/people/{person_id}/brief", response=responses({200: BriefOut}, lookup=True))
def brief_get(request: HttpRequest, person_id: ObjectId) -> object:
    """What to know before meeting someone: key facts by kind, the last five encounters
    with their summaries, open follow-ups, common ground, and three open-ended questions
    in the person's language (else the account's)."""
    return brief_data(person_brief(owner=owner_of(request), person=person_id))


@router.get(
    "/people/{person_id}/common-ground",
    response=responses({200: CommonGroundOut}, lookup=True),
)
def common_ground_get(
    request: HttpRequest, person_id: ObjectId, query: Query[CommonGroundQuery]
) -> object:
    """What a person has in common with you, or with another person (`?with=<id>`):
    complementary offers and needs, shared interests, mutual acquaintances, introducers,
    events, organization, industry and city, each with a sentence of evidence. 404 when
    either person is not yours; 422 when `with` is the person."""
    ground = common_ground(owner=owner_of(request), person=person_id, other=query.with_)
    return common_ground_data(ground)
