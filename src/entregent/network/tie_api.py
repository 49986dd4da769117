"""API routes of tie strength and the weak-tie radar."""

from django.http import HttpRequest
from ninja import Query, Router

from entregent.core.api import ObjectId, owner_of, responses
from entregent.network.radar import radar
from entregent.network.selectors import person_tie
from entregent.network.services import tie_recompute
from entregent.network.tie_output import person_tie_data, radar_data, recompute_data
from entregent.network.tie_schemas import RadarOut, RadarQuery, RecomputeOut, TieOut
from entregent.people.selectors import person_get

router = Router()


@router.get("/people/{person_id}/tie", response=responses({200: TieOut}, lookup=True))
def person_tie_get(request: HttpRequest, person_id: ObjectId) -> object:
    """A person's tie strength (0..1) with each component's weight, value and
    contribution (they sum to the score), the circle it falls in and the person's own."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=person_id)
    return person_tie_data(person_tie(owner=owner, person=person))


@router.get("/radar", response=responses({200: RadarOut}))
def radar_get(request: HttpRequest, query: Query[RadarQuery]) -> object:
    """Moderately weak ties worth reviving now, and dormant ties whose offers meet my
    needs (facts of kind `need` about me). Scores a day old are recomputed first."""
    return radar_data(radar(owner=owner_of(request), limit=query.limit))


@router.post("/ties/recompute", response=responses({200: RecomputeOut}, unsafe=True))
def ties_recompute_post(request: HttpRequest) -> object:
    """Recompute everyone's tie strength now and move the circles that are not pinned
    (their next check-in follows)."""
    return recompute_data(tie_recompute(owner=owner_of(request), apply_circles=True))
