"""The network map's data: the people to draw, their ties, and where each one sits.

`network_map(*, owner, …)` is the one selector behind the web page's JSON, the API's
`GET /network/map` and `entregent map --json`. Its number of queries is fixed (one per
filter given, the people, their ties, the tie strengths; two more to rank by connections
when more people match than the map can show), whatever the size of the network.

**Nodes** are the owner's people (not archived) matching every filter given; **edges** are
the `Connection` rows between two of them, weighted by how close the kind of link is
(`network.paths.KIND_WEIGHTS`, as for introduction paths: family 0.9 … met at the same
event 0.35; two rows between the same pair count once, the closer kind); **my ties**
are the edges from me (the centre) to each person, weighted by their tie strength.

**Cap.** The map shows at most `MAP_LIMIT` (2,000) people: beyond that, the most connected
in the whole network first (then the strongest ties), and `truncated` says so. Filters
(tag, organization, circle, event) narrow the map to the others.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput
from entregent.core.schemas import MAX_ID
from entregent.encounters.models import Event
from entregent.network.map_layout import LayoutLink, LayoutNode, radial_layout
from entregent.network.paths import KIND_WEIGHTS
from entregent.network.selectors import tie_strengths
from entregent.people.choices import Circle
from entregent.people.models import Connection, Organization, Person, Tag

MAP_LIMIT = 2000

# How close two people are, by the kind of link recorded: the weights paths use.
DEFAULT_KIND_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class MapFilters:
    """The filters of a map, checked: each one is the owner's, or None."""

    tag: Tag | None = None
    organization: Organization | None = None
    circle: str | None = None
    event: Event | None = None

    @property
    def any(self) -> bool:
        return any(f is not None for f in (self.tag, self.organization, self.circle, self.event))

    def as_data(self) -> dict[str, object]:
        return {
            "tag": self.tag.pk if self.tag else None,
            "org": self.organization.pk if self.organization else None,
            "circle": self.circle,
            "event": self.event.pk if self.event else None,
        }


@dataclass(frozen=True, slots=True)
class MapNode:
    """A person on the map: who, their circle and organization, my tie strength with them,
    how many of their ties the map draws, and where they sit (me at 0, 0)."""

    id: int
    name: str
    circle: str
    organization_id: int | None
    organization: str
    score: float
    degree: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class MapEdge:
    """A tie between two people on the map (`a` < `b`), its weight and kind."""

    a: int
    b: int
    weight: float
    kind: str


@dataclass(frozen=True, slots=True)
class NetworkMap:
    """Everything the map draws. `total` people matched the filters; `nodes` holds at
    most `limit` of them (`truncated` when fewer than `total`)."""

    nodes: list[MapNode]
    edges: list[MapEdge]
    total: int
    limit: int
    filters: MapFilters = field(default_factory=MapFilters)

    @property
    def truncated(self) -> bool:
        return len(self.nodes) < self.total


def _parse_id(value: int | str | None, field: str) -> int | None:
    if value is None or isinstance(value, int):
        return value
    text = value.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_ID:
        raise InvalidInput.for_field(field, _("Enter a whole number."))
    return int(text)


def map_filters(
    *,
    owner: User,
    tag: int | str | None = None,
    organization: int | str | None = None,
    circle: str | None = None,
    event: int | str | None = None,
) -> MapFilters:
    """Check the filters: each id must be one of the owner's (else a 422 naming the field:
    `tag`, `org`, `circle`, `event`). Ids may come as text; empty text means no filter."""
    tag = _parse_id(tag, "tag")
    organization = _parse_id(organization, "org")
    event = _parse_id(event, "event")
    found_tag = found_org = found_event = None
    if tag is not None:
        found_tag = Tag.objects.filter(owner=owner, pk=tag).first()
        if found_tag is None:
            raise InvalidInput.for_field("tag", _("No such tag."))
    if organization is not None:
        found_org = Organization.objects.filter(owner=owner, pk=organization).first()
        if found_org is None:
            raise InvalidInput.for_field("org", _("No such organization."))
    chosen_circle = (circle or "").strip().lower() or None
    if chosen_circle is not None and chosen_circle not in Circle.values:
        raise InvalidInput.for_field(
            "circle",
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(Circle.values)},
        )
    if event is not None:
        found_event = Event.objects.filter(owner=owner, pk=event).first()
        if found_event is None:
            raise InvalidInput.for_field("event", _("No such event."))
    return MapFilters(found_tag, found_org, chosen_circle, found_event)


def _degrees(owner: User) -> Counter[int]:
    """How many connections each person has in the whole network (two GROUP BY queries)."""
    degree: Counter[int] = Counter()
    for side in ("from_person", "to_person"):
        rows = (
            Connection.objects.filter(owner=owner)
            .values(side)
            .annotate(n=Count("id"))
            .values_list(side, "n")
            .order_by()
        )
        for person, count in rows:
            degree[person] += count
    return degree


def network_map(
    *, owner: User, filters: MapFilters | None = None, limit: int = MAP_LIMIT
) -> NetworkMap:
    """The map of the owner's network under `filters` (see the module's docstring)."""
    filters = filters or MapFilters()
    people = Person.objects.filter(owner=owner, archived=False)
    if filters.tag is not None:
        people = people.filter(tags=filters.tag)
    if filters.organization is not None:
        people = people.filter(organization=filters.organization)
    if filters.circle is not None:
        people = people.filter(circle=filters.circle)
    if filters.event is not None:
        people = people.filter(encounters__event=filters.event).distinct()
    rows = list(
        people.order_by("id").values_list(
            "id", "full_name", "circle", "organization_id", "organization__name"
        )
    )
    total = len(rows)
    scores = tie_strengths(owner=owner)
    if total > limit:
        degree = _degrees(owner)
        rows.sort(key=lambda row: (-degree[row[0]], -scores.get(row[0], 0.0), row[0]))
        rows = sorted(rows[:limit], key=lambda row: row[0])
    shown = {row[0] for row in rows}

    connections = Connection.objects.filter(owner=owner)
    if filters.any or total > limit:
        ids = sorted(shown)
        connections = connections.filter(from_person_id__in=ids, to_person_id__in=ids)
    best: dict[tuple[int, int], MapEdge] = {}
    for source, target, kind in connections.values_list(
        "from_person_id", "to_person_id", "kind"
    ).order_by():
        if source not in shown or target not in shown or source == target:
            continue
        a, b = min(source, target), max(source, target)
        weight = KIND_WEIGHTS.get(kind, DEFAULT_KIND_WEIGHT)
        known = best.get((a, b))
        if known is None or weight > known.weight:
            best[(a, b)] = MapEdge(a, b, weight, kind)
    edges = sorted(best.values(), key=lambda e: (e.a, e.b))
    drawn: Counter[int] = Counter()
    for edge in edges:
        drawn[edge.a] += 1
        drawn[edge.b] += 1

    positions = radial_layout(
        [
            LayoutNode(pk, round(scores.get(pk, 0.0), 3), circle, org)
            for pk, _name, circle, org, _org_name in rows
        ],
        [LayoutLink(e.a, e.b, e.weight) for e in edges],
    )
    nodes = [
        MapNode(
            id=pk,
            name=name,
            circle=circle,
            organization_id=org,
            organization=org_name or "",
            score=round(scores.get(pk, 0.0), 3),
            degree=drawn[pk],
            x=positions[pk].x,
            y=positions[pk].y,
        )
        for pk, name, circle, org, org_name in rows
    ]
    return NetworkMap(nodes=nodes, edges=edges, total=total, limit=limit, filters=filters)


def map_data(found: NetworkMap) -> dict[str, object]:
    """The map as plain data: what the API answers, `--json` prints and the page's script
    reads. My ties are the edges from me to each person with a tie strength above 0."""
    return {
        "total": found.total,
        "shown": len(found.nodes),
        "limit": found.limit,
        "truncated": found.truncated,
        "filters": found.filters.as_data(),
        "nodes": [
            {
                "id": n.id,
                "name": n.name,
                "circle": n.circle,
                "organization": (
                    {"id": n.organization_id, "name": n.organization}
                    if n.organization_id is not None
                    else None
                ),
                "score": n.score,
                "degree": n.degree,
                "x": n.x,
                "y": n.y,
            }
            for n in found.nodes
        ],
        "edges": [
            {"source": e.a, "target": e.b, "weight": e.weight, "kind": e.kind} for e in found.edges
        ],
        "my_ties": [{"person": n.id, "weight": n.score} for n in found.nodes if n.score > 0],
    }


def map_summary(*, owner: User) -> tuple[int, int]:
    """How many people and ties the map holds (archived people left out), for its card."""
    people = Person.objects.filter(owner=owner, archived=False).count()
    ties = Connection.objects.filter(
        owner=owner, from_person__archived=False, to_person__archived=False
    ).count()
    return people, ties
