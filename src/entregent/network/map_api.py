"""API route of the network map."""

from django.http import HttpRequest
from ninja import Query, Router

from entregent.core.api import owner_of, responses
from entregent.network.map_data import map_data, map_filters, network_map
from entregent.network.map_schemas import MapOut, MapQuery

router = Router()


@router.get("/network/map", response=responses({200: MapOut}))
def network_map_get(request: HttpRequest, query: Query[MapQuery]) -> object:
    """The map of your network: people (nodes, placed around you by closeness and by who
    knows whom), their ties (edges) and yours (`my_ties`), filtered by tag, organization,
    circle and event (ids). At most 2,000 people: beyond, the most connected (`truncated`).
    A filter that is not yours or not valid answers 422 naming it."""
    owner = owner_of(request)
    filters = map_filters(
        owner=owner, tag=query.tag, organization=query.org, circle=query.circle, event=query.event
    )
    return map_data(network_map(owner=owner, filters=filters))
