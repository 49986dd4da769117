"""The network as a weighted graph: warmest introduction paths and brokers. Pure Python.

Nothing here imports Django; selectors (`network.paths`) feed it plain edges.

**Weights.** Every edge weight is in (0, 1]: how warm the tie is. The user ("me") is not a
node: my tie to each person (their tie strength) is given apart, as `my_ties`. A chain of
ties is as warm as the product of its weights, so a longer chain is never warmer than any of
its prefixes, and "warmest" means the largest product.

**Paths.** `warmest_paths` finds, for targets given as a set of nodes (one person, everyone
at an organization, everyone who offers a skill), the warmest chains me → A → target and
me → A → B → target (at most `max_hops` = 3 hops; A is always someone I know), at most one
per first person A (the `k` results have distinct first hops, since the draft asks A).
It searches backwards from the targets, layer by layer (a hop-limited Bellman-Ford on
products, exact): `reach[1][B]` = the warmest edge from B to a target, `reach[2][A]` = the
warmest A → B → target; then each A scores `my_ties[A] * max(reach[1][A], reach[2][A])`.
Its cost is the size of the targets' two-hop neighbourhood, not of the network, so the
caller may give a graph holding only the edges around the targets (`Graph` built from
them): the answer is the same.

Intermediaries are never targets themselves: a path through a target stops at that target,
which is at least as warm. A target I know directly is a direct tie, reported apart.

**Brokers.** Burt's constraint (Burt 1992): with p_ij the share of i's tie weight that goes
to j, c_i = Σ_j (p_ij + Σ_q p_iq p_qj)², summed over i's contacts j, q ≠ i, j. Low
constraint = contacts that do not know each other = a broker. Exact constraint costs
Σ deg² over the network, too much in pure Python at 100k people, so `brokers` works in two
stages, documented as the approximation it is:

1. every person gets a *group-level constraint*: Σ_g s_g², where s_g is the share of their
   contacts (by count) in group g (organization, else city; people in neither each count as
   a group of their own). It is Burt's constraint computed as if contacts within a group all
   knew each other and contacts in different groups did not. Cost: one pass over the edges.
2. the `candidates` people with the lowest group-level constraint who reach at least two
   groups get their exact, weighted Burt's constraint, the share of pairs of their contacts
   who know each other, and the groups they connect; they are ranked by exact constraint.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

MAX_HOPS = 3
DEFAULT_K = 5
# The weakest tie from me that can open a path: someone I barely know cannot be asked.
MIN_FIRST_TIE = 0.05
DEFAULT_CANDIDATES = 200
MIN_CONTACTS = 3


@dataclass(frozen=True, slots=True)
class Edge:
    """A tie between two people: its weight in (0, 1] and why it is there (`kind`, and how
    many encounters they shared), for the explanation."""

    a: int
    b: int
    weight: float
    kind: str = "knows"
    together: int = 0


@dataclass(slots=True)
class Graph:
    """Undirected weighted graph on compact integer ids: adjacency as dicts of lists.

    Built from `Edge`s with the caller's person ids; ids are mapped to 0..n-1 internally so
    adjacency is a list of lists. Between two people only the warmest edge is kept.
    """

    ids: list[int] = field(default_factory=list)
    index: dict[int, int] = field(default_factory=dict)
    adjacency: list[dict[int, float]] = field(default_factory=list)
    edges: dict[tuple[int, int], Edge] = field(default_factory=dict)

    @classmethod
    def from_edges(cls, edges: Iterable[Edge]) -> Graph:
        graph = cls()
        for edge in edges:
            graph.add(edge)
        return graph

    def _node(self, person: int) -> int:
        number = self.index.get(person)
        if number is None:
            number = len(self.ids)
            self.index[person] = number
            self.ids.append(person)
            self.adjacency.append({})
        return number

    def add(self, edge: Edge) -> None:
        """Add a tie; when the pair is already tied, keep the warmer edge."""
        if edge.a == edge.b or not 0 < edge.weight <= 1:
            return
        a, b = self._node(edge.a), self._node(edge.b)
        key = (min(edge.a, edge.b), max(edge.a, edge.b))
        known = self.edges.get(key)
        if known is not None and known.weight >= edge.weight:
            return
        self.edges[key] = edge
        self.adjacency[a][b] = edge.weight
        self.adjacency[b][a] = edge.weight

    def edge(self, a: int, b: int) -> Edge:
        """The edge between two people (by the caller's ids)."""
        return self.edges[(min(a, b), max(a, b))]

    def neighbours(self, person: int) -> dict[int, float]:
        """The people tied to a person (caller's ids) and the weights."""
        number = self.index.get(person)
        if number is None:
            return {}
        return {self.ids[other]: weight for other, weight in self.adjacency[number].items()}

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class Path:
    """me → people[0] → … → people[-1] (the target). `weights[0]` is my tie to people[0],
    `weights[i]` the edge people[i-1] — people[i]; `warmth` their product."""

    people: tuple[int, ...]
    weights: tuple[float, ...]
    warmth: float

    @property
    def hops(self) -> int:
        return len(self.people)

    @property
    def first(self) -> int:
        return self.people[0]

    @property
    def target(self) -> int:
        return self.people[-1]


def warmest_paths(
    graph: Graph,
    my_ties: Mapping[int, float],
    targets: Iterable[int],
    *,
    k: int = DEFAULT_K,
    max_hops: int = MAX_HOPS,
    min_first_tie: float = MIN_FIRST_TIE,
) -> list[Path]:
    """The `k` warmest introduction paths (2 to `max_hops` hops) to any of `targets`, one per
    first person, warmest first; ties broken by fewer hops, then by ids (stable).

    `my_ties` maps a person to my tie with them (0..1); people missing or under
    `min_first_tie` cannot open a path. Direct ties to targets are not paths here (see
    `direct_ties`).
    """
    if k <= 0 or max_hops < 2:
        return []
    target_set = {graph.index[t] for t in targets if t in graph.index}
    if not target_set:
        return []
    adjacency = graph.adjacency
    # reach[n] = node -> (warmth of the warmest n-edge chain node → … → target, next node).
    layer: dict[int, tuple[float, int]] = {}
    for target in sorted(target_set):
        for node, weight in adjacency[target].items():
            if node in target_set:
                continue
            best = layer.get(node)
            if best is None or weight > best[0]:
                layer[node] = (weight, target)
    reach = [layer]
    for _hop in range(2, max_hops):
        previous = reach[-1]
        layer = {}
        for middle in sorted(previous):
            warmth_on, _next = previous[middle]
            for node, weight in adjacency[middle].items():
                if node in target_set:
                    continue
                warmth = weight * warmth_on
                best = layer.get(node)
                if best is None or warmth > best[0]:
                    layer[node] = (warmth, middle)
        reach.append(layer)

    ids = graph.ids
    scored: list[tuple[float, int, int, int]] = []  # (-warmth, hops, first id, layer)
    for depth, layer in enumerate(reach):
        for node, (warmth_on, _next) in layer.items():
            tie = my_ties.get(ids[node], 0.0)
            if tie < min_first_tie:
                continue
            scored.append((-(tie * warmth_on), depth + 2, ids[node], depth))
    best_per_first: dict[int, tuple[float, int, int, int]] = {}
    for entry in scored:
        known = best_per_first.get(entry[2])
        if known is None or entry < known:
            best_per_first[entry[2]] = entry
    chosen = heapq.nsmallest(k, best_per_first.values())
    paths: list[Path] = []
    for _neg, _hops, first, depth in chosen:
        node = graph.index[first]
        people = [first]
        weights = [my_ties[first]]
        # Walk the stored next hops down the layers; a chain may revisit no node because
        # every weight is ≤ 1 and intermediaries are not targets, but guard anyway.
        for level in range(depth, -1, -1):
            _w, following = reach[level][node]
            weights.append(adjacency[node][following])
            node = following
            people.append(ids[node])
        if len(set(people)) != len(people):
            continue
        warmth = 1.0
        for weight in weights:
            warmth *= weight
        paths.append(Path(tuple(people), tuple(weights), warmth))
    paths.sort(key=lambda p: (-p.warmth, p.hops, p.people))
    return paths


def direct_ties(my_ties: Mapping[int, float], targets: Iterable[int]) -> list[tuple[int, float]]:
    """Targets I know myself, warmest first: (person, my tie)."""
    found = [(t, my_ties[t]) for t in set(targets) if my_ties.get(t, 0.0) > 0]
    found.sort(key=lambda pair: (-pair[1], pair[0]))
    return found


# ---------------------------------------------------------------------------
# Brokers


@dataclass(frozen=True, slots=True)
class Broker:
    """Someone whose contacts span groups that do not otherwise know each other.

    `constraint` is Burt's constraint (lower = more brokerage, 0..1+); `closure` the share
    of pairs of their contacts who know each other; `groups` the groups they connect,
    with how many of their contacts are in each, largest first.
    """

    person: int
    constraint: float
    contacts: int
    closure: float
    groups: tuple[tuple[Hashable, int], ...]


def burt_constraint(graph: Graph, person: int) -> float:
    """Burt's constraint of one person (caller's id), from the edge weights."""
    adjacency = graph.adjacency
    node = graph.index[person]
    mine = adjacency[node]
    total = sum(mine.values())
    if total <= 0:
        return 0.0
    totals: dict[int, float] = {}
    constraint = 0.0
    for contact, weight in mine.items():
        indirect = 0.0
        theirs = adjacency[contact]
        smaller, larger = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
        for q in smaller:
            if q in larger and q not in (contact, node):
                q_total = totals.get(q)
                if q_total is None:
                    q_total = totals[q] = sum(adjacency[q].values())
                indirect += (mine[q] / total) * (adjacency[q][contact] / q_total)
        constraint += (weight / total + indirect) ** 2
    return constraint


def _closure(graph: Graph, node: int) -> float:
    contacts = graph.adjacency[node]
    n = len(contacts)
    if n < 2:
        return 1.0
    links = 0
    for contact in contacts:
        theirs = graph.adjacency[contact]
        smaller, larger = (contacts, theirs) if len(contacts) <= len(theirs) else (theirs, contacts)
        links += sum(1 for q in smaller if q in larger)
    return (links / 2) / (n * (n - 1) / 2)


def brokers(
    graph: Graph,
    group_of: Mapping[int, Hashable],
    *,
    limit: int = 10,
    candidates: int = DEFAULT_CANDIDATES,
    min_contacts: int = MIN_CONTACTS,
) -> list[Broker]:
    """The people who bridge groups, least constrained first (see the module's docstring).

    `group_of` maps a person (caller's id) to their group; people absent from it count
    as groups of one.
    """
    ids = graph.ids
    groups = [group_of.get(person) for person in ids]
    stage: list[tuple[float, int, int]] = []  # (group constraint, -groups reached, node)
    for node, contacts in enumerate(graph.adjacency):
        n = len(contacts)
        if n < min_contacts:
            continue
        counts = Counter(groups[c] if groups[c] is not None else ("one", ids[c]) for c in contacts)
        if len(counts) < 2:
            continue
        value = sum(count * count for count in counts.values()) / (n * n)
        stage.append((value, -len(counts), node))
    shortlist = heapq.nsmallest(candidates, stage)
    found: list[Broker] = []
    for _value, _reached, node in shortlist:
        person = ids[node]
        named = Counter(groups[c] for c in graph.adjacency[node] if groups[c] is not None)
        if len(named) < 2:
            continue
        found.append(
            Broker(
                person=person,
                constraint=round(burt_constraint(graph, person), 4),
                contacts=len(graph.adjacency[node]),
                closure=round(_closure(graph, node), 4),
                groups=tuple(sorted(named.items(), key=lambda item: (-item[1], str(item[0])))),
            )
        )
    found.sort(key=lambda b: (b.constraint, -len(b.groups), b.person))
    return found[:limit]
