"""Reads of people: every query starts from the owner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection as db_connection
from django.db.models import Count, F, Model, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import NotFound
from entregent.core.validators import query_text
from entregent.people.choices import Circle, FactKind
from entregent.people.models import (
    Connection,
    Fact,
    Milestone,
    Organization,
    Person,
    SearchTerm,
    Tag,
)
from entregent.people.normalize import query_words

_M = TypeVar("_M", bound=Model)


def _owned(queryset: QuerySet[_M], owner_id: int) -> QuerySet[_M]:
    """The owner's rows among those reached through a person or a list of ids.

    The owner check stays in the query, written `owner_id + 0` so that no index can serve it:
    without statistics SQLite believes `owner_id = ?` selects a handful of rows and walks an
    owner-leading index (every encounter or connection of the network, in date order) instead
    of the few rows of one person. Cost then follows the person, not the network.
    """
    return queryset.alias(_owner_check=F("owner_id") + 0).filter(_owner_check=owner_id)


def person_get(*, owner: User, pk: int | str) -> Person:
    """One of the owner's people, or NotFound (also for another owner's id)."""
    try:
        return Person.objects.select_related("organization", "introduced_by").get(
            owner=owner, pk=int(pk)
        )
    except (Person.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such person.")) from None


def organization_get(*, owner: User, pk: int | str) -> Organization:
    try:
        return Organization.objects.get(owner=owner, pk=int(pk))
    except (Organization.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such organization.")) from None


def fact_get(*, owner: User, pk: int | str) -> Fact:
    try:
        return Fact.objects.select_related("person").get(owner=owner, pk=int(pk))
    except (Fact.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such fact.")) from None


def milestone_get(*, owner: User, pk: int | str) -> Milestone:
    try:
        return Milestone.objects.select_related("person").get(owner=owner, pk=int(pk))
    except (Milestone.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such milestone.")) from None


def connection_get(*, owner: User, pk: int | str) -> Connection:
    try:
        return Connection.objects.select_related("from_person", "to_person").get(
            owner=owner, pk=int(pk)
        )
    except (Connection.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such connection.")) from None


def person_find_by_name(*, owner: User, name: str) -> list[Person]:
    """People whose name is exactly this (case-insensitive), or else who match it in search."""
    live = Person.objects.filter(owner=owner, archived=False)
    name = query_text(name)
    if not name:
        return []
    exact = list(live.filter(full_name__iexact=name)[:10])
    if exact:
        return exact
    found = live.filter(pk__in=person_search_ids(owner=owner, query=name)).order_by(
        "sort_name", "id"
    )
    return list(found[:10])


def _prefix_filter(word: str) -> Q:
    if db_connection.vendor == "postgresql":
        # Served by a varchar_pattern_ops index (see migration), where LIKE 'x%' is a range scan.
        return Q(term__startswith=word)
    # SQLite compares with BINARY collation: the prefix is exactly a range of the index.
    upper = word[:-1] + chr(ord(word[-1]) + 1)
    return Q(term__gte=word, term__lt=upper)


def person_search_ids(*, owner: User, query: str) -> QuerySet[SearchTerm, Any]:
    """SearchTerm rows (one per person) matching every word of the query by prefix."""
    words = query_words(query)
    terms = SearchTerm.objects.filter(owner=owner)
    if not words:
        return terms.none()
    first, *rest = words
    qs = terms.filter(_prefix_filter(first))
    for word in rest:
        qs = qs.filter(
            person_id__in=SearchTerm.objects.filter(owner=owner)
            .filter(_prefix_filter(word))
            .values("person_id")
        )
    return qs.values("person_id").distinct()


@dataclass
class PersonFilters:
    """What a people list can be narrowed by."""

    q: str = ""
    tag: str = ""
    organization: int | None = None
    circle: str = ""
    channel: str = ""
    archived: bool = False


def _tags_named(owner: User, name: str) -> QuerySet[Tag]:
    """The owner's tag with this name in any case (at most one: services keep them unique).

    `iexact` folds only ASCII letters on SQLite, so a name with other letters ("écologie")
    is compared in Python among the owner's tags of the same length.
    """
    tags = Tag.objects.filter(owner=owner)
    if name.isascii():
        return tags.filter(name__iexact=name)
    key = name.casefold()
    same_length = tags.annotate(name_length=Length("name")).filter(name_length=len(name))
    same = [t.pk for t in same_length.only("id", "name") if t.name.casefold() == key]
    return tags.filter(pk__in=same)


def person_list(*, owner: User, filters: PersonFilters | None = None) -> QuerySet[Person]:
    """The owner's people, narrowed by search and filters, in address-book order.

    A filter value that cannot match (an unknown circle or channel, an impossible id)
    finds nobody rather than reaching the database as is.
    """
    from entregent.encounters.choices import Channel

    f = filters or PersonFilters()
    if not (f.q.strip() or f.tag or f.organization or f.circle or f.channel):
        # The whole address book. `archived=False` compiles to `NOT archived`, which SQLite
        # cannot match to the (owner, archived, sort_name, id) index; with an equality it reads
        # one page in index order instead of sorting everyone, at any network size.
        everyone = Person.objects.filter(owner=owner)
        everyone = everyone.filter(Exact(F("archived"), Value(f.archived)))
        return (
            everyone.select_related("organization")
            .prefetch_related("tags")
            .order_by("sort_name", "id")
        )
    qs: QuerySet[Person] = Person.objects.filter(owner=owner, archived=f.archived)
    if f.q.strip():
        # At most ENTREGENT_SEARCH_RESULT_CAP matches ("1,000+"), found by id: a common word
        # then costs the same in a network of a thousand or a million people.
        matches = person_search_ids(owner=owner, query=f.q)[: settings.ENTREGENT_SEARCH_RESULT_CAP]
        qs = _owned(Person.objects.filter(archived=f.archived, pk__in=matches), owner.pk)
    if f.tag:
        qs = qs.filter(tags__in=_tags_named(owner, query_text(f.tag).lstrip("#").strip()))
    if f.organization:
        try:
            organization_id = int(f.organization)
        except (TypeError, ValueError):
            return qs.none()
        if not 0 < organization_id < 2**63:
            return qs.none()
        qs = qs.filter(organization_id=organization_id)
    if f.circle:
        if f.circle not in Circle.values:
            return qs.none()
        qs = qs.filter(circle=f.circle)
    if f.channel:
        from entregent.encounters.models import Encounter

        if f.channel not in Channel.values:
            return qs.none()
        qs = qs.filter(
            pk__in=Encounter.participants.through.objects.filter(
                encounter__owner=owner, encounter__channel=f.channel
            ).values("person_id")
        )
    return qs.select_related("organization").prefetch_related("tags").order_by("sort_name", "id")


def organization_list(*, owner: User, q: str = "") -> QuerySet[Organization]:
    """The owner's organizations with how many people each has."""
    qs = Organization.objects.filter(owner=owner)
    q = query_text(q)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.annotate(people_count=Count("people", filter=Q(people__archived=False))).order_by(
        "name", "id"
    )


def organization_names(*, owner: User, limit: int = 500) -> list[str]:
    """Names of the owner's organizations for suggestions, bounded so pages stay small."""
    return list(
        Organization.objects.filter(owner=owner)
        .order_by("name")
        .values_list("name", flat=True)[:limit]
    )


def organization_find(*, owner: User, name: str) -> Organization | None:
    """The owner's organization with exactly this name (case-insensitive), if any."""
    return Organization.objects.filter(owner=owner, name__iexact=name.strip()).first()


def facts_grouped(*, owner: User, person: Person | None) -> list[tuple[str, str, list[Fact]]]:
    """Facts about a person (about me when None) grouped by kind, kinds in their usual order."""
    qs = Fact.objects.filter(owner=owner)
    qs = qs.filter(person=person) if person is not None else qs.filter(person__isnull=True)
    facts = list(qs.order_by("-created", "-id"))
    return [
        (kind, str(label), [f for f in facts if f.kind == kind])
        for kind, label in FactKind.choices
        if any(f.kind == kind for f in facts)
    ]


def tag_names(*, owner: User, limit: int = 500) -> list[str]:
    """Names of the owner's tags for suggestions, bounded so pages stay small."""
    return list(
        Tag.objects.filter(owner=owner).order_by("name").values_list("name", flat=True)[:limit]
    )


def tag_list(*, owner: User) -> QuerySet[Tag]:
    return Tag.objects.filter(owner=owner).annotate(people_count=Count("people")).order_by("name")


def me_facts(*, owner: User) -> QuerySet[Fact]:
    """What the user said about themselves: their offers, needs, interests."""
    return Fact.objects.filter(owner=owner, person__isnull=True).order_by("kind", "-created", "-id")


def fact_list(
    *, owner: User, person: Person | None = None, me: bool = False, kind: str = ""
) -> QuerySet[Fact]:
    """The owner's facts, newest first: about one person, about me only, or all."""
    qs = Fact.objects.filter(owner=owner)
    if person is not None:
        qs = qs.filter(person=person)
    elif me:
        qs = qs.filter(person__isnull=True)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-created", "-id")


def milestone_list(*, owner: User, person: Person | None = None) -> QuerySet[Milestone]:
    """The owner's milestones by date, of one person or of everyone."""
    qs: QuerySet[Milestone] = Milestone.objects.filter(owner=owner)
    if person is not None:
        qs = _owned(Milestone.objects.filter(person=person), owner.pk)
    return qs.order_by("date", "id")


def connection_list(*, owner: User, person: Person | None = None) -> QuerySet[Connection]:
    """The owner's connections, newest first, of one person (either direction) or all."""
    qs: QuerySet[Connection] = Connection.objects.filter(owner=owner)
    if person is not None:
        either_end = Connection.objects.filter(Q(from_person=person) | Q(to_person=person))
        qs = _owned(either_end, owner.pk)
    return qs.select_related("from_person", "to_person").order_by("-created", "-id")


def connections_of(*, person: Person) -> list[tuple[Connection, Person]]:
    """Each connection of a person with the person at its other end, either direction."""
    either_end = Connection.objects.filter(Q(from_person=person) | Q(to_person=person))
    rows = (
        _owned(either_end, person.owner_id)
        .select_related("from_person", "to_person")
        .order_by("-created", "-id")
    )
    return [(c, c.to_person if c.from_person_id == person.pk else c.from_person) for c in rows]


@dataclass
class PersonDetail:
    """Everything the person page shows at a glance."""

    person: Person
    facts_by_kind: list[tuple[str, str, list[Fact]]] = field(default_factory=list)
    encounters: list = field(default_factory=list)
    connections: list[tuple[Connection, Person]] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    followups: list = field(default_factory=list)


def person_detail(*, owner: User, pk: int | str, encounter_limit: int = 50) -> PersonDetail:
    """A person with facts grouped by kind, the encounter timeline, connections and milestones."""
    from entregent.encounters.models import Encounter
    from entregent.followups.models import FollowUp

    person = person_get(owner=owner, pk=pk)
    person = (
        Person.objects.filter(pk=person.pk)
        .select_related("organization", "introduced_by")
        .prefetch_related("emails", "phones", "links", "tags")
        .get()
    )
    facts = list(Fact.objects.filter(owner=owner, person=person).order_by("-created", "-id"))
    grouped = []
    for kind, label in FactKind.choices:
        items = [f for f in facts if f.kind == kind]
        if items:
            grouped.append((kind, str(label), items))
    encounters = list(
        _owned(Encounter.objects.filter(participants=person), owner.pk)
        .select_related("event")
        .prefetch_related(
            Prefetch("participants", queryset=Person.objects.only("id", "full_name", "owner_id"))
        )
        .order_by("-occurred_at", "-id")[:encounter_limit]
    )
    return PersonDetail(
        person=person,
        facts_by_kind=grouped,
        encounters=encounters,
        connections=connections_of(person=person),
        milestones=list(
            _owned(Milestone.objects.filter(person=person), owner.pk).order_by("date", "id")
        ),
        followups=list(
            _owned(
                FollowUp.objects.filter(person=person, status__in=("open", "snoozed")), owner.pk
            ).order_by("due_on", "id")
        ),
    )


def search_is_capped(*, query: str, count: int) -> bool:
    """Search stops counting at ENTREGENT_SEARCH_RESULT_CAP: say "more than" instead of a number."""
    from django.conf import settings

    return bool(query.strip()) and count >= settings.ENTREGENT_SEARCH_RESULT_CAP
