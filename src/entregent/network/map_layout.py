"""Where each person sits on the network map: a radial layout around me. Pure Python.

Nothing here imports Django; `network.map_data` feeds it plain nodes and links.

**Why on the server.** A force-directed layout of 2,000 people and their ties run in the
browser either freezes the tab or keeps moving for seconds; this one costs a few passes
over the ties, so the map arrives with every position fixed and pans and zooms at once.

**Distance from the centre = closeness.** I am at the centre. Each circle is a ring (inner
nearest, dormant farthest: `CIRCLE_BANDS`), and inside its ring a person sits nearer the
inside the stronger our tie (their tie strength, 0..1), with a small fixed jitter so equal
scores do not line up on one arc.

**Angle = who knows whom.** People are grouped into communities by label propagation over
their ties (a few deterministic rounds, weighted), and each community gets an arc of the
circle proportional to its size, so people who know each other sit in the same direction
whatever their circle. Inside an arc, people of the same organization sit side by side.
People tied to nobody are grouped by organization (or together when they have none).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

# Ring of each circle, as (inner radius, outer radius); unknown circles go to "weak".
CIRCLE_BANDS: dict[str, tuple[float, float]] = {
    "inner": (140.0, 320.0),
    "active": (340.0, 560.0),
    "weak": (580.0, 820.0),
    "dormant": (840.0, 1060.0),
}
DEFAULT_BAND = "weak"
ROUNDS = 5
# Share of the circle left empty between two communities' arcs (spread over the gaps).
GAP_SHARE = 0.08


@dataclass(frozen=True, slots=True)
class LayoutNode:
    """A person to place: their id, tie strength with me (0..1), circle, and group
    (their organization's id, or None) to keep colleagues together."""

    id: int
    score: float
    circle: str
    group: Hashable | None = None


@dataclass(frozen=True, slots=True)
class LayoutLink:
    """A tie between two people, weight in (0, 1]."""

    a: int
    b: int
    weight: float


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float


def _jitter(person: int) -> float:
    """A fixed pseudo-random number in [-0.5, 0.5) for a person (Knuth's multiplicative hash)."""
    return ((person * 2654435761) % 4096) / 4096 - 0.5


def communities(
    ids: Sequence[int], links: Iterable[LayoutLink], *, rounds: int = ROUNDS
) -> dict[int, int]:
    """Label propagation: each person takes the label weighing most among their ties
    (ties broken by the smallest label), `rounds` passes in id order. Deterministic.
    Returns person → label (a person id); people with no tie keep their own id."""
    adjacency: dict[int, dict[int, float]] = {person: {} for person in ids}
    for link in links:
        if link.a == link.b or link.a not in adjacency or link.b not in adjacency:
            continue
        adjacency[link.a][link.b] = max(adjacency[link.a].get(link.b, 0.0), link.weight)
        adjacency[link.b][link.a] = max(adjacency[link.b].get(link.a, 0.0), link.weight)
    label = {person: person for person in ids}
    order = [(person, list(adjacency[person].items())) for person in sorted(ids)]
    order = [(person, ties) for person, ties in order if ties]
    for _round in range(rounds):
        changed = False
        for person, ties in order:
            weights: dict[int, float] = {}
            for other, weight in ties:
                lab = label[other]
                weights[lab] = weights.get(lab, 0.0) + weight
            chosen, best = label[person], -1.0
            for lab, total in weights.items():
                if total > best + 1e-12 or (total >= best - 1e-12 and lab < chosen):
                    chosen, best = lab, total
            if chosen != label[person]:
                label[person] = chosen
                changed = True
        if not changed:
            break
    return label


def radial_layout(nodes: Sequence[LayoutNode], links: Sequence[LayoutLink]) -> dict[int, Point]:
    """Positions of every node, me at (0, 0) (see the module's docstring)."""
    if not nodes:
        return {}
    ids = [node.id for node in nodes]
    labels = communities(ids, links)
    tied = {link.a for link in links} | {link.b for link in links}
    members: dict[Hashable, list[LayoutNode]] = defaultdict(list)
    for node in nodes:
        if node.id in tied:
            key: Hashable = ("community", labels[node.id])
        else:
            key = ("alone", node.group if node.group is not None else "")
        members[key].append(node)
    # Largest communities first, then by their smallest member: a stable order.
    ordered = sorted(members.values(), key=lambda group: (-len(group), min(n.id for n in group)))
    total = len(nodes)
    gaps = GAP_SHARE * 2 * math.pi if len(ordered) > 1 else 0.0
    per_person = (2 * math.pi - gaps) / total
    gap = gaps / len(ordered) if ordered else 0.0
    positions: dict[int, Point] = {}
    angle = 0.0
    for group in ordered:
        group.sort(key=lambda n: (str(n.group) if n.group is not None else "~", -n.score, n.id))
        for node in group:
            theta = angle + per_person / 2
            angle += per_person
            inside, outside = CIRCLE_BANDS.get(node.circle, CIRCLE_BANDS[DEFAULT_BAND])
            closeness = 1.0 - min(1.0, max(0.0, node.score))
            share = min(1.0, max(0.0, 0.1 + 0.8 * closeness + 0.2 * _jitter(node.id)))
            radius = inside + (outside - inside) * share
            positions[node.id] = Point(
                round(radius * math.cos(theta), 1), round(radius * math.sin(theta), 1)
            )
        angle += gap
    return positions
