"""API routes of people, organizations, tags, facts, milestones and connections.

Each route parses its input, calls one service or selector, and renders the result; the
services own every rule, so the API, the web pages and the CLI always agree.
"""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status

from entregent.core.api import ObjectId, lookup, lookup_optional, owner_of, paginate, responses
from entregent.core.schemas import PageQuery
from entregent.encounters.selectors import encounter_get
from entregent.people.models import Person
from entregent.people.schemas import (
    ConnectionIn,
    ConnectionOut,
    ConnectionPage,
    ConnectionPatch,
    ConnectionQuery,
    FactIn,
    FactOut,
    FactPage,
    FactPatch,
    FactQuery,
    MilestoneIn,
    MilestoneOut,
    MilestonePage,
    MilestonePatch,
    MilestoneQuery,
    OrganizationIn,
    OrganizationOut,
    OrganizationPage,
    OrganizationPatch,
    OrganizationQuery,
    PersonIn,
    PersonOut,
    PersonOverviewOut,
    PersonPage,
    PersonPatch,
    PersonQuery,
    SearchQuery,
    TagPage,
)
from entregent.people.selectors import (
    PersonFilters,
    connection_get,
    connection_list,
    fact_get,
    fact_list,
    milestone_get,
    milestone_list,
    organization_get,
    organization_list,
    person_detail,
    person_get,
    person_list,
    tag_list,
)
from entregent.people.services import (
    connection_create,
    connection_delete,
    connection_update,
    fact_create,
    fact_delete,
    fact_update,
    milestone_create,
    milestone_delete,
    milestone_update,
    organization_create,
    organization_delete,
    organization_update,
    person_archive,
    person_create,
    person_delete,
    person_update,
)

people = Router(tags=["people"])
organizations = Router(tags=["organizations"])
tags = Router(tags=["tags"])
facts = Router(tags=["facts"])
milestones = Router(tags=["milestones"])
connections = Router(tags=["connections"])

router = Router()
for _sub in (people, organizations, tags, facts, milestones, connections):
    router.add_router("", _sub)


# People ---------------------------------------------------------------------------------


def _with_person_out(queryset: QuerySet[Person]) -> QuerySet[Person]:
    # What PersonOut renders for each item, loaded in a fixed number of queries.
    return queryset.select_related("organization", "introduced_by").prefetch_related(
        "tags", "emails", "phones", "links"
    )


def _people_page(request: HttpRequest, filters: PersonFilters, page: PageQuery) -> dict[str, Any]:
    return paginate(_with_person_out(person_list(owner=owner_of(request), filters=filters)), page)


@people.get("/people", response=responses({200: PersonPage}, lookup=True))
def people_list(request: HttpRequest, query: Query[PersonQuery]) -> object:
    """The account's people in address-book order, narrowed by search and filters."""
    organization = lookup_optional(
        organization_get, owner_of(request), query.organization, "organization"
    )
    filters = PersonFilters(
        q=query.q,
        tag=query.tag,
        organization=organization.pk if organization else None,
        circle=query.circle or "",
        channel=query.channel or "",
        archived=query.archived,
    )
    return _people_page(request, filters, query)


@people.get("/search", response=responses({200: PersonPage}))
def search(request: HttpRequest, query: Query[SearchQuery]) -> object:
    """Find active people by words (prefixes) in names, organization, tags, facts and notes."""
    return _people_page(request, PersonFilters(q=query.q), query)


def _person_fields(request: HttpRequest, fields: dict[str, Any]) -> dict[str, Any]:
    """Body fields as person_create and person_update take them: ids become the account's rows."""
    owner = owner_of(request)
    if "organization_id" in fields:
        fields["organization"] = lookup_optional(
            organization_get, owner, fields.pop("organization_id"), "organization_id"
        )
    if "organization_name" in fields:
        fields["organization"] = fields.pop("organization_name")
    if "introduced_by_id" in fields:
        fields["introduced_by"] = lookup_optional(
            person_get, owner, fields.pop("introduced_by_id"), "introduced_by_id"
        )
    return fields


# 409 is possible when the organization named is created at the same moment elsewhere.
@people.post(
    "/people",
    response=responses({201: PersonOut}, body=True, unsafe=True, lookup=True, conflict=True),
)
def people_create(request: HttpRequest, payload: PersonIn) -> object:
    """Add a person; `full_name` is split into given and family names unless they are given."""
    fields = _person_fields(request, payload.model_dump(exclude_unset=True))
    return Status(201, person_create(owner=owner_of(request), **fields))


@people.get("/people/{person_id}", response=responses({200: PersonOut}, lookup=True))
def people_get(request: HttpRequest, person_id: ObjectId) -> object:
    """One person."""
    return person_get(owner=owner_of(request), pk=person_id)


@people.get(
    "/people/{person_id}/overview", response=responses({200: PersonOverviewOut}, lookup=True)
)
def people_overview(request: HttpRequest, person_id: ObjectId) -> object:
    """A person at a glance: facts, recent encounters, connections, milestones, open follow-ups."""
    detail = person_detail(owner=owner_of(request), pk=person_id)
    return {
        "person": detail.person,
        "facts": [fact for _kind, _label, items in detail.facts_by_kind for fact in items],
        "encounters": detail.encounters,
        "connections": [connection for connection, _other in detail.connections],
        "milestones": detail.milestones,
        "followups": detail.followups,
    }


@people.patch(
    "/people/{person_id}",
    response=responses({200: PersonOut}, body=True, unsafe=True, lookup=True, conflict=True),
)
def people_update(request: HttpRequest, person_id: ObjectId, payload: PersonPatch) -> object:
    """Change some of a person's fields; `archived` archives them or brings them back."""
    person = person_get(owner=owner_of(request), pk=person_id)
    changes = _person_fields(request, payload.model_dump(exclude_unset=True))
    archived = changes.pop("archived", None)
    with transaction.atomic():
        if changes:
            person = person_update(person=person, **changes)
        if archived is not None:
            person = person_archive(person=person, archived=archived)
    return person


@people.delete("/people/{person_id}", response=responses({204: None}, unsafe=True, lookup=True))
def people_delete(request: HttpRequest, person_id: ObjectId) -> object:
    """Delete a person and everything recorded only about them (archiving keeps the history)."""
    person_delete(person=person_get(owner=owner_of(request), pk=person_id))
    return Status(204, None)


# Organizations --------------------------------------------------------------------------


@organizations.get("/organizations", response=responses({200: OrganizationPage}))
def organizations_list(request: HttpRequest, query: Query[OrganizationQuery]) -> object:
    """The account's organizations by name, with how many active people each has."""
    return paginate(organization_list(owner=owner_of(request), q=query.q), query)


@organizations.post(
    "/organizations",
    response=responses({201: OrganizationOut}, body=True, unsafe=True, conflict=True),
)
def organizations_create(request: HttpRequest, payload: OrganizationIn) -> object:
    """Add an organization; a name already used (in any letter case) is a 409."""
    return Status(201, organization_create(owner=owner_of(request), **payload.model_dump()))


@organizations.get(
    "/organizations/{organization_id}", response=responses({200: OrganizationOut}, lookup=True)
)
def organizations_get(request: HttpRequest, organization_id: ObjectId) -> object:
    """One organization."""
    return organization_get(owner=owner_of(request), pk=organization_id)


@organizations.patch(
    "/organizations/{organization_id}",
    response=responses({200: OrganizationOut}, body=True, unsafe=True, lookup=True, conflict=True),
)
def organizations_update(
    request: HttpRequest, organization_id: ObjectId, payload: OrganizationPatch
) -> object:
    """Change an organization's fields; a name another one already uses is a 409."""
    organization = organization_get(owner=owner_of(request), pk=organization_id)
    return organization_update(organization=organization, **payload.model_dump(exclude_unset=True))


@organizations.delete(
    "/organizations/{organization_id}", response=responses({204: None}, unsafe=True, lookup=True)
)
def organizations_delete(request: HttpRequest, organization_id: ObjectId) -> object:
    """Delete an organization; its people stay, without an organization."""
    organization_delete(organization=organization_get(owner=owner_of(request), pk=organization_id))
    return Status(204, None)


# Tags -----------------------------------------------------------------------------------


@tags.get("/tags", response=responses({200: TagPage}))
def tags_list(request: HttpRequest, query: Query[PageQuery]) -> object:
    """The account's tags by name, with how many people carry each."""
    return paginate(tag_list(owner=owner_of(request)), query)


# Facts ----------------------------------------------------------------------------------


@facts.get("/facts", response=responses({200: FactPage}, lookup=True))
def facts_list(request: HttpRequest, query: Query[FactQuery]) -> object:
    """Facts, newest first: about one person (`person`), about me (`me=true`), or all."""
    owner = owner_of(request)
    person = lookup_optional(person_get, owner, query.person, "person")
    return paginate(
        fact_list(owner=owner, person=person, me=query.me, kind=query.kind or ""), query
    )


@facts.post("/facts", response=responses({201: FactOut}, body=True, unsafe=True, lookup=True))
def facts_create(request: HttpRequest, payload: FactIn) -> object:
    """Record something learned about a person, or about me when `person_id` is null."""
    owner = owner_of(request)
    fact = fact_create(
        owner=owner,
        person=lookup_optional(person_get, owner, payload.person_id, "person_id"),
        kind=payload.kind,
        text=payload.text,
        encounter=lookup_optional(encounter_get, owner, payload.encounter_id, "encounter_id"),
    )
    return Status(201, fact)


@facts.get("/facts/{fact_id}", response=responses({200: FactOut}, lookup=True))
def facts_get(request: HttpRequest, fact_id: ObjectId) -> object:
    """One fact."""
    return fact_get(owner=owner_of(request), pk=fact_id)


@facts.patch(
    "/facts/{fact_id}", response=responses({200: FactOut}, body=True, unsafe=True, lookup=True)
)
def facts_update(request: HttpRequest, fact_id: ObjectId, payload: FactPatch) -> object:
    """Correct a fact's kind or text."""
    fact = fact_get(owner=owner_of(request), pk=fact_id)
    return fact_update(fact=fact, **payload.model_dump(exclude_unset=True))


@facts.delete("/facts/{fact_id}", response=responses({204: None}, unsafe=True, lookup=True))
def facts_delete(request: HttpRequest, fact_id: ObjectId) -> object:
    """Forget a fact."""
    fact_delete(fact=fact_get(owner=owner_of(request), pk=fact_id))
    return Status(204, None)


# Milestones -----------------------------------------------------------------------------


@milestones.get("/milestones", response=responses({200: MilestonePage}, lookup=True))
def milestones_list(request: HttpRequest, query: Query[MilestoneQuery]) -> object:
    """Milestones by date, of one person or of everyone."""
    owner = owner_of(request)
    person = lookup_optional(person_get, owner, query.person, "person")
    return paginate(milestone_list(owner=owner, person=person), query)


@milestones.post(
    "/milestones", response=responses({201: MilestoneOut}, body=True, unsafe=True, lookup=True)
)
def milestones_create(request: HttpRequest, payload: MilestoneIn) -> object:
    """Mark a date for a person; birthdays and anniversaries repeat yearly unless told otherwise."""
    owner = owner_of(request)
    milestone = milestone_create(
        owner=owner,
        person=lookup(person_get, owner, payload.person_id, "person_id"),
        kind=payload.kind,
        date=payload.date,
        yearly=payload.yearly,
        note=payload.note,
    )
    return Status(201, milestone)


@milestones.get("/milestones/{milestone_id}", response=responses({200: MilestoneOut}, lookup=True))
def milestones_get(request: HttpRequest, milestone_id: ObjectId) -> object:
    """One milestone."""
    return milestone_get(owner=owner_of(request), pk=milestone_id)


@milestones.patch(
    "/milestones/{milestone_id}",
    response=responses({200: MilestoneOut}, body=True, unsafe=True, lookup=True),
)
def milestones_update(
    request: HttpRequest, milestone_id: ObjectId, payload: MilestonePatch
) -> object:
    """Change a milestone's kind, date, repetition or note."""
    milestone = milestone_get(owner=owner_of(request), pk=milestone_id)
    return milestone_update(milestone=milestone, **payload.model_dump(exclude_unset=True))


@milestones.delete(
    "/milestones/{milestone_id}", response=responses({204: None}, unsafe=True, lookup=True)
)
def milestones_delete(request: HttpRequest, milestone_id: ObjectId) -> object:
    """Delete a milestone."""
    milestone_delete(milestone=milestone_get(owner=owner_of(request), pk=milestone_id))
    return Status(204, None)


# Connections ----------------------------------------------------------------------------


@connections.get("/connections", response=responses({200: ConnectionPage}, lookup=True))
def connections_list(request: HttpRequest, query: Query[ConnectionQuery]) -> object:
    """Connections, newest first, of one person (either direction) or of everyone."""
    owner = owner_of(request)
    person = lookup_optional(person_get, owner, query.person, "person")
    return paginate(connection_list(owner=owner, person=person), query)


@connections.post(
    "/connections",
    response=responses({201: ConnectionOut}, body=True, unsafe=True, lookup=True, conflict=True),
)
def connections_create(request: HttpRequest, payload: ConnectionIn) -> object:
    """Record that two people are connected; the same pair and kind twice is a 409."""
    owner = owner_of(request)
    connection = connection_create(
        owner=owner,
        from_person=lookup(person_get, owner, payload.from_person_id, "from_person_id"),
        to_person=lookup(person_get, owner, payload.to_person_id, "to_person_id"),
        kind=payload.kind,
        note=payload.note,
    )
    return Status(201, connection)


@connections.get(
    "/connections/{connection_id}", response=responses({200: ConnectionOut}, lookup=True)
)
def connections_get(request: HttpRequest, connection_id: ObjectId) -> object:
    """One connection."""
    return connection_get(owner=owner_of(request), pk=connection_id)


@connections.patch(
    "/connections/{connection_id}",
    response=responses({200: ConnectionOut}, body=True, unsafe=True, lookup=True, conflict=True),
)
def connections_update(
    request: HttpRequest, connection_id: ObjectId, payload: ConnectionPatch
) -> object:
    """Change a connection's kind or note."""
    connection = connection_get(owner=owner_of(request), pk=connection_id)
    return connection_update(connection=connection, **payload.model_dump(exclude_unset=True))


@connections.delete(
    "/connections/{connection_id}", response=responses({204: None}, unsafe=True, lookup=True)
)
def connections_delete(request: HttpRequest, connection_id: ObjectId) -> object:
    """Forget a connection."""
    connection_delete(connection=connection_get(owner=owner_of(request), pk=connection_id))
    return Status(204, None)
