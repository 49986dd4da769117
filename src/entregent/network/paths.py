"""Selectors for introduction paths and brokers: the graph read from the database, fed to
the pure engine (`network.graph`), and the answers explained in the user's language.

**Edge weights** (person ↔ person), by how the two know each other:

- a connection, by kind: family 0.9, colleague 0.75, introduced 0.6, knows 0.5, met at the
  same event 0.35 (several kinds between two people: the warmest counts);
- "X introduced me to P" (`Person.introduced_by`) means X knows P: 0.6;
- meaningful encounters both attended (with at most `GROUP_LIMIT` participants: a
  conference is not a conversation) add 0.1 each, up to +0.3; two people with no
  connection who shared encounters are tied at 0.35 plus the same boost. Capped at 0.95.

My tie to each person is their tie strength (`network.selectors.tie_strengths`).

**Paths** read only the targets' two-hop neighbourhood (a handful of indexed queries per
hop, chunked), so their cost follows the targets, not the network. **Brokers** need the
whole graph; the answer is cached in memory per owner and invalidated by a version read
in two aggregate queries (people and connections: count and latest change; encounters:
latest change).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Count, F, Max, Model, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput, NotFound
from entregent.encounters.models import Encounter
from entregent.followups.draft_selectors import draft_language, given_name, my_name
from entregent.followups.drafts import mailto_url
from entregent.matching.engine import Item
from entregent.matching.synergies import network_index
from entregent.network import graph as engine
from entregent.network.intro_request import AskInput, AskPhrases, compose_ask
from entregent.network.models import TieStrength
from entregent.network.selectors import tie_strengths
from entregent.people.choices import ConnectionKind, FactKind
from entregent.people.models import Connection, EmailAddress, Organization, Person
from entregent.people.selectors import organization_get, person_find_by_name, person_get

KIND_WEIGHTS: dict[str, float] = {
    ConnectionKind.FAMILY: 0.9,
    ConnectionKind.COLLEAGUE: 0.75,
    ConnectionKind.INTRODUCED: 0.6,
    ConnectionKind.KNOWS: 0.5,
    ConnectionKind.MET_AT_EVENT: 0.35,
}
INTRODUCED_ME = "introduced_me"  # X introduced me to P
TOGETHER = "together"  # no connection, but encounters together
INTRODUCED_ME_WEIGHT = 0.6
TOGETHER_WEIGHT = 0.35
TOGETHER_BOOST = 0.1
TOGETHER_BOOST_MAX = 0.3
WEIGHT_CAP = 0.95
GROUP_LIMIT = 12
CHUNK = 900
# Targets considered for one question (an organization of thousands, a common skill).
TARGET_LIMIT = 2000
SKILL_MIN_SCORE = 0.3
PATHS_K = 5
BROKERS_LIMIT = 10

TargetKind = str
_M = TypeVar("_M", bound=Model)
PERSON, ORGANIZATION, SKILL = "person", "org", "skill"


# ---------------------------------------------------------------------------
# My ties


def my_ties(*, owner: User, people: set[int] | None = None) -> dict[int, float]:
    """My tie strength with each of my people (0..1), as the tie-strength selector has it;
    only for `people` when given (a path reads the ties of its neighbourhood, not of the
    whole network)."""
    if people is None or not TieStrength.objects.filter(owner=owner).exists():
        ties = tie_strengths(owner=owner)
        return ties if people is None else {p: t for p, t in ties.items() if p in people}
    found: dict[int, float] = {}
    for chunk in _chunks(people):
        found.update(
            _by_owner(
                TieStrength.objects.filter(person_id__in=chunk), "owner_id", owner
            ).values_list("person_id", "score")
        )
    return found


# ---------------------------------------------------------------------------
# Edges


def _chunks(values: Iterable[int]) -> Iterator[list[int]]:
    items = sorted(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _weight(kind: str, together: int) -> float:
    base = KIND_WEIGHTS.get(
        kind, INTRODUCED_ME_WEIGHT if kind == INTRODUCED_ME else TOGETHER_WEIGHT
    )
    return min(WEIGHT_CAP, base + min(TOGETHER_BOOST_MAX, TOGETHER_BOOST * together))


def _by_owner(queryset: QuerySet[_M], column: str, owner: User) -> QuerySet[_M]:
    """The owner check written `owner_id + 0`, so that no index serves it: without
    statistics SQLite would walk the owner's whole index instead of the few rows asked for
    by id (as in `people.selectors._owned`)."""
    return queryset.alias(_owner_check=F(column) + 0).filter(_owner_check=owner.pk)


def _pairs_together(owner: User, people: set[int] | None) -> dict[tuple[int, int], int]:
    """How many meaningful, small encounters each pair attended together."""
    through = Encounter.participants.through
    rows: Iterable[tuple[int, int]]
    base = through.objects.filter(encounter__meaningful=True)
    if people is None:
        rows = (
            base.filter(encounter__owner=owner)
            .values_list("encounter_id", "person_id")
            .iterator(chunk_size=5000)
        )
    else:
        encounter_ids: set[int] = set()
        for chunk in _chunks(people):
            encounter_ids.update(
                _by_owner(base, "encounter__owner_id", owner)
                .filter(person_id__in=chunk)
                .values_list("encounter_id", flat=True)
            )
        found: list[tuple[int, int]] = []
        for chunk in _chunks(encounter_ids):
            found.extend(
                _by_owner(base, "encounter__owner_id", owner)
                .filter(encounter_id__in=chunk)
                .values_list("encounter_id", "person_id")
            )
        rows = found
    by_encounter: dict[int, list[int]] = defaultdict(list)
    for encounter_id, person_id in rows:
        by_encounter[encounter_id].append(person_id)
    together: dict[tuple[int, int], int] = defaultdict(int)
    for members in by_encounter.values():
        if not 2 <= len(members) <= GROUP_LIMIT:
            continue
        members.sort()
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if people is None or a in people or b in people:
                    together[(a, b)] += 1
    return together


def _edges(owner: User, people: set[int] | None) -> list[engine.Edge]:
    """The ties touching `people` (all ties when None), archived people left out."""
    archived = set(Person.objects.filter(owner=owner, archived=True).values_list("id", flat=True))
    kinds: dict[tuple[int, int], str] = {}
    introducer: dict[tuple[int, int], int] = {}  # for INTRODUCED_ME: who introduced whom

    def keep(a: int, b: int, kind: str) -> None:
        if a == b or a in archived or b in archived:
            return
        key = (min(a, b), max(a, b))
        known = kinds.get(key)
        if known is None or _weight(kind, 0) > _weight(known, 0):
            kinds[key] = kind
            if kind == INTRODUCED_ME:
                introducer[key] = b

    connections: QuerySet[Connection] = Connection.objects.filter(owner=owner)
    introduced: QuerySet[Person] = Person.objects.filter(owner=owner, introduced_by__isnull=False)
    if people is not None:
        # Looked up by person: the owner check must not steer SQLite to the owner's index.
        connections = _by_owner(Connection.objects.all(), "owner_id", owner)
        introduced = _by_owner(
            Person.objects.filter(introduced_by__isnull=False), "owner_id", owner
        )
    if people is None:
        for a, b, kind in connections.values_list("from_person_id", "to_person_id", "kind"):
            keep(a, b, kind)
        for a, b in introduced.values_list("id", "introduced_by_id"):
            keep(a, b, INTRODUCED_ME)
    else:
        for chunk in _chunks(people):
            touching = Q(from_person_id__in=chunk) | Q(to_person_id__in=chunk)
            for a, b, kind in connections.filter(touching).values_list(
                "from_person_id", "to_person_id", "kind"
            ):
                keep(a, b, kind)
            for a, b in introduced.filter(
                Q(id__in=chunk) | Q(introduced_by_id__in=chunk)
            ).values_list("id", "introduced_by_id"):
                keep(a, b, INTRODUCED_ME)
    together = _pairs_together(owner, people)
    for a, b in together:
        if (a, b) not in kinds:
            keep(a, b, TOGETHER)
    edges = []
    for (a, b), kind in kinds.items():
        first, second = (a, b)
        if kind == INTRODUCED_ME:
            first = introducer[(a, b)]
            second = a + b - first
        count = together.get((a, b), 0)
        edges.append(engine.Edge(first, second, _weight(kind, count), kind, count))
    return edges


def neighbourhood_graph(*, owner: User, targets: set[int], hops: int = 2) -> engine.Graph:
    """The edges within `hops` of the targets: all the path search needs to look at."""
    graph = engine.Graph()
    frontier = set(targets)
    seen: set[int] = set()
    for _hop in range(hops):
        if not frontier:
            break
        for edge in _edges(owner, frontier):
            graph.add(edge)
        seen |= frontier
        frontier = {p for p in graph.ids if p not in seen}
    return graph


# ---------------------------------------------------------------------------
# Targets


@dataclass(frozen=True)
class Target:
    """What the user asked for: a kind, a label to show, the people it designates, and
    for a skill the offer that matched each person."""

    kind: TargetKind
    label: str
    people: frozenset[int]
    organization: Organization | None = None
    person: Person | None = None
    offers: dict[int, str] = field(default_factory=dict)
    capped: bool = False


def _person_target(owner: User, ref: str) -> Person:
    ref = ref.strip()
    if not ref:
        raise InvalidInput.for_field("person", _("Give a person's name or id."))
    if ref.lstrip("#").isdigit():
        return person_get(owner=owner, pk=ref.lstrip("#"))
    found = person_find_by_name(owner=owner, name=ref)
    if not found:
        message = _("No person matches “%(ref)s”.") % {"ref": ref[:80]}
        raise NotFound(message, errors={"person": [message]})
    exact = [p for p in found if p.full_name.casefold() == ref.casefold()]
    if len(found) > 1 and len(exact) != 1:
        message = _("“%(ref)s” matches several people: %(list)s. Use the id or the full name.") % {
            "ref": ref[:80],
            "list": "; ".join(f"#{p.pk} {p.full_name}" for p in found[:10]),
        }
        raise InvalidInput(message, errors={"person": [message]})
    return exact[0] if exact else found[0]


def _organization_target(owner: User, ref: str) -> Organization:
    ref = ref.strip()
    if not ref:
        raise InvalidInput.for_field("org", _("Give an organization's name or id."))
    if ref.lstrip("#").isdigit():
        return organization_get(owner=owner, pk=ref.lstrip("#"))
    found = list(
        Organization.objects.filter(owner=owner, name__icontains=ref).order_by("name", "id")[:20]
    )
    exact = [o for o in found if o.name.casefold() == ref.casefold()]
    found = exact or found
    if not found:
        message = _("No organization matches “%(ref)s”.") % {"ref": ref[:80]}
        raise NotFound(message, errors={"org": [message]})
    if len(found) > 1:
        message = _(
            "“%(ref)s” matches several organizations: %(list)s. Use the id or the full name."
        ) % {"ref": ref[:80], "list": "; ".join(f"#{o.pk} {o.name}" for o in found)}
        raise InvalidInput(message, errors={"org": [message]})
    return found[0]


def path_target(*, owner: User, person: str = "", org: str = "", skill: str = "") -> Target:
    """The people designated by exactly one of: a person (id or name), an organization (id
    or name: everyone there), or a skill (everyone whose offers match it, in English or
    French)."""
    given = [
        (name, value)
        for name, value in (("person", person), ("org", org), ("skill", skill))
        if value and value.strip()
    ]
    if len(given) != 1:
        message = _("Give exactly one of: a person, an organization or a skill.")
        field_name = given[1][0] if len(given) > 1 else "person"
        raise InvalidInput.for_field(field_name, message)
    kind, value = given[0]
    if kind == "person":
        found = _person_target(owner, value)
        return Target(PERSON, found.full_name, frozenset({found.pk}), person=found)
    if kind == "org":
        organization = _organization_target(owner, value)
        ids = list(
            Person.objects.filter(owner=owner, organization=organization, archived=False)
            .order_by("id")
            .values_list("id", flat=True)[: TARGET_LIMIT + 1]
        )
        return Target(
            ORGANIZATION,
            organization.name,
            frozenset(ids[:TARGET_LIMIT]),
            organization=organization,
            capped=len(ids) > TARGET_LIMIT,
        )
    text = value.strip()[:200]
    # Everyone's offers, indexed once per owner and kept until a fact changes (shared with
    # the synergies); keys are (fact id, person id).
    _items, index = network_index(owner, FactKind.OFFER)
    by_person: dict[int, str] = {}
    for match in index.match([Item("skill", text)], min_score=SKILL_MIN_SCORE):
        key = match.offer.key
        if isinstance(key, tuple):
            by_person.setdefault(int(key[1]), match.offer.text)
    archived: set[int] = set()
    for chunk in _chunks(by_person):
        archived.update(
            _by_owner(
                Person.objects.filter(pk__in=chunk, archived=True), "owner_id", owner
            ).values_list("id", flat=True)
        )
    by_person = {p: t for p, t in by_person.items() if p not in archived}
    chosen = dict(list(by_person.items())[:TARGET_LIMIT])
    return Target(
        SKILL, text, frozenset(chosen), offers=chosen, capped=len(by_person) > TARGET_LIMIT
    )


# ---------------------------------------------------------------------------
# Explanations


def _closeness(tie: float) -> str:
    if tie >= 0.7:
        return _("You know %(name)s well (%(tie)s).")
    if tie >= 0.4:
        return _("You know %(name)s (%(tie)s).")
    return _("You know %(name)s a little (%(tie)s).")


def _edge_sentence(edge: engine.Edge, a_id: int, a: str, b: str, org: str) -> str:
    values: dict[str, object] = {"a": a, "b": b, "org": org, "n": edge.together}
    if edge.kind == ConnectionKind.FAMILY:
        sentence = _("%(a)s and %(b)s are family.")
    elif edge.kind == ConnectionKind.COLLEAGUE:
        sentence = (
            _("%(a)s and %(b)s are colleagues at %(org)s.")
            if org
            else _("%(a)s and %(b)s are colleagues.")
        )
    elif edge.kind == ConnectionKind.INTRODUCED:
        sentence = _("%(a)s and %(b)s were introduced.")
    elif edge.kind == INTRODUCED_ME:
        sentence = _("%(introducer)s introduced you to %(other)s, so they know each other.")
        values["introducer"], values["other"] = (a, b) if edge.a == a_id else (b, a)
    elif edge.kind == ConnectionKind.MET_AT_EVENT:
        sentence = _("%(a)s and %(b)s met at the same event.")
    elif edge.kind == TOGETHER:
        sentence = ""
    else:
        sentence = _("%(a)s and %(b)s know each other.")
    sentence = sentence % values if sentence else ""
    if edge.together:
        seen = (
            ngettext(
                "You saw them together once.",
                "You saw them together %(n)d times.",
                edge.together,
            )
            % values
        )
        sentence = f"{sentence} {seen}".strip()
    return sentence


@dataclass(frozen=True)
class Named:
    id: int
    name: str
    organization: str = ""


@dataclass(frozen=True)
class Step:
    """One edge of a path: from → to, its weight and why."""

    source: Named | None  # None: me
    to: Named
    weight: float
    kind: str
    explanation: str


@dataclass(frozen=True)
class AskDraft:
    language: str
    to: str
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        return mailto_url(self.to, self.subject, self.body)


@dataclass(frozen=True)
class PathOut:
    warmth: float
    people: tuple[Named, ...]
    steps: tuple[Step, ...]
    draft: AskDraft

    @property
    def hops(self) -> int:
        return len(self.steps)

    @property
    def first(self) -> Named:
        return self.people[0]

    @property
    def target(self) -> Named:
        return self.people[-1]


@dataclass(frozen=True)
class PathsAnswer:
    target: Target
    paths: tuple[PathOut, ...]
    direct: tuple[tuple[Named, float], ...]
    targets_count: int

    @property
    def kind(self) -> str:
        return self.target.kind


def ask_phrases(language: str) -> AskPhrases:
    """The sentences of an introduction request in one language."""
    with translation.override(language):
        return AskPhrases(
            greeting=pgettext("intro request", "Hi %(name)s,"),
            subject=pgettext("intro request", "Could you introduce me to %(name)s?"),
            hope=pgettext("intro request", "I hope you are well."),
            why_org=pgettext("intro request", "I would love to talk with %(target)s at %(org)s."),
            why_skill=pgettext(
                "intro request", "I am looking for help with %(skill)s, and %(target)s offers it."
            ),
            why=pgettext("intro request", "I would love to meet %(target)s."),
            knows=pgettext("intro request", "I believe you know %(target)s."),
            knows_through=pgettext(
                "intro request", "I believe you know %(middle)s, who knows %(target)s."
            ),
            ask=pgettext("intro request", "Would you be comfortable introducing us?"),
            ask_through=pgettext(
                "intro request", "Would you be comfortable introducing me to %(middle)s?"
            ),
            no_pressure=pgettext(
                "intro request", "No pressure at all, and I would be glad to return the favour."
            ),
            sign_off=pgettext("intro request", "Thank you,"),
        )


def _draft(owner: User, first: Person, people: list[Named], target: Target, email: str) -> AskDraft:
    language = draft_language(owner, first)
    final = people[-1]
    data = AskInput(
        given_name=given_name(first),
        my_name=my_name(owner),
        target=final.name,
        middle=people[1].name if len(people) == 3 else "",
        organization=final.organization if target.kind == ORGANIZATION else "",
        skill=target.label if target.kind == SKILL else "",
    )
    composed = compose_ask(data, ask_phrases(language))
    return AskDraft(language, email, composed.subject, composed.body)


# ---------------------------------------------------------------------------
# Paths


def introduction_paths(
    *, owner: User, target: Target, k: int = PATHS_K, ties: dict[int, float] | None = None
) -> PathsAnswer:
    """The `k` warmest paths (2 or 3 hops, distinct first people) to the target, explained,
    each with a draft asking its first person, in their language; and the targets I know
    directly."""
    graph = neighbourhood_graph(owner=owner, targets=set(target.people))
    if ties is None:
        ties = my_ties(owner=owner, people=set(graph.ids) | set(target.people))
    found = engine.warmest_paths(graph, ties, target.people, k=k)
    direct = engine.direct_ties(ties, target.people)[:k]
    wanted = {p for path in found for p in path.people} | {p for p, _t in direct}
    people = {
        p.pk: p
        for p in Person.objects.filter(owner=owner, pk__in=wanted).select_related("organization")
    }
    emails: dict[int, str] = {}
    firsts = [path.first for path in found]
    for person_id, address in (
        EmailAddress.objects.filter(owner=owner, person_id__in=firsts)
        .order_by("-position", "-id")
        .values_list("person_id", "address")
    ):
        emails[person_id] = address  # the last written is the first by position

    def named(person_id: int) -> Named:
        person = people[person_id]
        org = person.organization.name if person.organization else ""
        return Named(person_id, person.full_name, org)

    out: list[PathOut] = []
    for path in found:
        if any(p not in people for p in path.people):
            continue
        chain = [named(p) for p in path.people]
        steps = [
            Step(
                None,
                chain[0],
                path.weights[0],
                "me",
                _closeness(path.weights[0])
                % {"name": chain[0].name, "tie": f"{path.weights[0]:.2f}"},
            )
        ]
        for position in range(1, len(chain)):
            a, b = chain[position - 1], chain[position]
            edge = graph.edge(a.id, b.id)
            org = a.organization if a.organization and a.organization == b.organization else ""
            steps.append(
                Step(
                    a,
                    b,
                    path.weights[position],
                    edge.kind,
                    _edge_sentence(edge, a.id, a.name, b.name, org),
                )
            )
        if target.kind == SKILL and chain[-1].id in target.offers:
            steps.append(
                Step(
                    None,
                    chain[-1],
                    1.0,
                    "offer",
                    _("%(name)s offers “%(offer)s”.")
                    % {"name": chain[-1].name, "offer": target.offers[chain[-1].id]},
                )
            )
        draft = _draft(owner, people[path.first], chain, target, emails.get(path.first, ""))
        out.append(PathOut(round(path.warmth, 4), tuple(chain), tuple(steps), draft))
    return PathsAnswer(
        target=target,
        paths=tuple(out),
        direct=tuple((named(p), round(t, 4)) for p, t in direct if p in people),
        targets_count=len(target.people),
    )


# ---------------------------------------------------------------------------
# Brokers


@dataclass(frozen=True)
class BrokerOut:
    person: Named
    constraint: float
    contacts: int
    closure: float
    groups: tuple[tuple[str, int], ...]
    my_tie: float
    explanation: str


_cache_lock = threading.Lock()
_BROKER_CACHE: dict[int, tuple[tuple[object, ...], list[engine.Broker], dict[Hashable, str]]] = {}
_CACHE_OWNERS = 8


def network_version(*, owner: User) -> tuple[object, ...]:
    """Changes whenever people, connections or encounters change (three aggregates)."""
    people = Person.objects.filter(owner=owner).aggregate(n=Count("id"), last=Max("updated"))
    links = Connection.objects.filter(owner=owner).aggregate(n=Count("id"), last=Max("updated"))
    met = Encounter.objects.filter(owner=owner).aggregate(last=Max("updated"))
    return (people["n"], people["last"], links["n"], links["last"], met["last"])


def _groups(owner: User) -> tuple[dict[int, Hashable], dict[Hashable, str]]:
    group_of: dict[int, Hashable] = {}
    city_labels: dict[Hashable, str] = {}
    orgs: set[int] = set()
    for person_id, org_id, city in Person.objects.filter(owner=owner, archived=False).values_list(
        "id", "organization_id", "city"
    ):
        if org_id:
            group_of[person_id] = ("org", org_id)
            orgs.add(org_id)
        elif city and city.strip():
            key = ("city", city.strip().casefold())
            group_of[person_id] = key
            city_labels.setdefault(key, city.strip())
    labels: dict[Hashable, str] = dict(city_labels)
    for chunk in _chunks(orgs):
        for org_id, name in Organization.objects.filter(owner=owner, pk__in=chunk).values_list(
            "id", "name"
        ):
            labels[("org", org_id)] = name
    return group_of, labels


def _computed_brokers(owner: User) -> tuple[list[engine.Broker], dict[Hashable, str]]:
    version = network_version(owner=owner)
    with _cache_lock:
        cached = _BROKER_CACHE.get(owner.pk)
    if cached is not None and cached[0] == version:
        return cached[1], cached[2]
    graph = engine.Graph()
    for edge in _edges(owner, None):
        graph.add(edge)
    group_of, labels = _groups(owner)
    found = engine.brokers(graph, group_of, limit=50)
    with _cache_lock:
        if len(_BROKER_CACHE) >= _CACHE_OWNERS and owner.pk not in _BROKER_CACHE:
            _BROKER_CACHE.pop(next(iter(_BROKER_CACHE)))
        _BROKER_CACHE[owner.pk] = (version, found, labels)
    return found, labels


def network_brokers(*, owner: User, limit: int = BROKERS_LIMIT) -> list[BrokerOut]:
    """The people who bridge groups (organization, else city) that otherwise barely know
    each other, least constrained first (Burt's constraint), with the groups they connect."""
    found, labels = _computed_brokers(owner)
    people = {
        p.pk: p
        for p in Person.objects.filter(
            owner=owner, pk__in=[b.person for b in found], archived=False
        ).select_related("organization")
    }
    ties = my_ties(owner=owner, people={b.person for b in found}) if found else {}
    out: list[BrokerOut] = []
    for broker in found:
        person = people.get(broker.person)
        if person is None:
            continue
        groups = tuple((labels.get(g) or str(g), n) for g, n in broker.groups)
        shown = [name for name, _n in groups[:3]]
        explanation = _(
            "Connects %(groups)s; only %(closure)s%% of their %(n)d contacts know each other."
        ) % {
            "groups": ", ".join(shown),
            "closure": round(broker.closure * 100),
            "n": broker.contacts,
        }
        org = person.organization.name if person.organization else ""
        out.append(
            BrokerOut(
                Named(person.pk, person.full_name, org),
                broker.constraint,
                broker.contacts,
                broker.closure,
                groups,
                round(ties.get(person.pk, 0.0), 4),
                explanation,
            )
        )
        if len(out) >= limit:
            break
    return out


# ---------------------------------------------------------------------------
# Plain data for JSON (CLI --json and the API)


def _named_data(person: Named) -> dict[str, object]:
    return {"id": person.id, "name": person.name, "organization": person.organization}


def paths_data(answer: PathsAnswer) -> dict[str, object]:
    """An answer as JSON-ready data."""
    target = answer.target
    return {
        "target": {
            "kind": target.kind,
            "label": target.label,
            "people": answer.targets_count,
            "capped": target.capped,
            "organization_id": target.organization.pk if target.organization else None,
            "person_id": target.person.pk if target.person else None,
        },
        "direct": [{"person": _named_data(p), "tie": tie} for p, tie in answer.direct],
        "paths": [
            {
                "warmth": path.warmth,
                "hops": path.hops,
                "people": [_named_data(p) for p in path.people],
                "steps": [
                    {
                        "from_id": step.source.id if step.source else None,
                        "to_id": step.to.id,
                        "weight": round(step.weight, 4),
                        "kind": step.kind,
                        "explanation": step.explanation,
                    }
                    for step in path.steps
                ],
                "draft": {
                    "to_id": path.first.id,
                    "language": path.draft.language,
                    "email": path.draft.to,
                    "subject": path.draft.subject,
                    "body": path.draft.body,
                    "mailto": path.draft.mailto,
                },
            }
            for path in answer.paths
        ],
    }


def brokers_data(found: list[BrokerOut]) -> dict[str, object]:
    """Brokers as JSON-ready data."""
    return {
        "items": [
            {
                "person": _named_data(b.person),
                "constraint": b.constraint,
                "contacts": b.contacts,
                "closure": b.closure,
                "groups": [{"name": name, "contacts": n} for name, n in b.groups],
                "my_tie": b.my_tie,
                "explanation": b.explanation,
            }
            for b in found
        ]
    }
