"""API routes of the giving ledger: favours (CRUD) and the ledger's balances."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from entregent.core.api import ObjectId, lookup, lookup_optional, owner_of, paginate, responses
from entregent.goals import ledger
from entregent.goals.ledger_schemas import (
    FavourIn,
    FavourOut,
    FavourPage,
    FavourPatch,
    FavourQuery,
    LedgerOut,
    LedgerQuery,
)
from entregent.people.selectors import person_get

router = Router(tags=["giving ledger"])


@router.get("/favours", response=responses({200: FavourPage}, lookup=True))
def favours_list(request: HttpRequest, query: Query[FavourQuery]) -> object:
    """Favours given and received, newest first, narrowed by person or direction."""
    owner = owner_of(request)
    found = ledger.favour_list(
        owner=owner,
        person=lookup_optional(person_get, owner, query.person, "person"),
        direction=query.direction or "",
    )
    return paginate(found, query)


@router.post("/favours", response=responses({201: FavourOut}, body=True, unsafe=True, lookup=True))
def favours_create(request: HttpRequest, payload: FavourIn) -> object:
    """Log a favour given to or received from a person, by hand."""
    owner = owner_of(request)
    fields = payload.model_dump(exclude={"person_id"})
    favour = ledger.favour_log(
        owner=owner, person=lookup(person_get, owner, payload.person_id, "person_id"), **fields
    )
    return Status(201, ledger.favour_get(owner=owner, pk=favour.pk))


@router.get("/favours/{favour_id}", response=responses({200: FavourOut}, lookup=True))
def favours_get(request: HttpRequest, favour_id: ObjectId) -> object:
    """One favour."""
    return ledger.favour_get(owner=owner_of(request), pk=favour_id)


@router.patch(
    "/favours/{favour_id}",
    response=responses({200: FavourOut}, body=True, unsafe=True, lookup=True),
)
def favours_update(request: HttpRequest, favour_id: ObjectId, payload: FavourPatch) -> object:
    """Correct a favour's direction, kind, date or note."""
    favour = ledger.favour_get(owner=owner_of(request), pk=favour_id)
    return ledger.favour_update(favour=favour, **payload.model_dump(exclude_unset=True))


@router.delete("/favours/{favour_id}", response=responses({204: None}, unsafe=True, lookup=True))
def favours_delete(request: HttpRequest, favour_id: ObjectId) -> object:
    """Forget a favour."""
    ledger.favour_delete(favour=ledger.favour_get(owner=owner_of(request), pk=favour_id))
    return Status(204, None)


@router.get("/ledger", response=responses({200: LedgerOut}))
def ledger_get(request: HttpRequest, query: Query[LedgerQuery]) -> object:
    """The giving ledger: totals, balances per person (takers first, with ways to help),
    and favours given and received per month over the last year."""
    owner = owner_of(request)
    rows = ledger.balances(owner=owner, takers_only=query.takers)
    count = rows.count()
    page = list(rows[query.offset : query.offset + query.limit])
    totals = ledger.ledger_totals(owner=owner)
    return {
        "count": count,
        "limit": query.limit,
        "offset": query.offset,
        "given": totals.given,
        "received": totals.received,
        "takers": totals.takers,
        "items": [b.as_dict() for b in ledger.balances_with_help(owner=owner, rows=page)],
        "months": [m.as_dict() for m in ledger.give_take_per_month(owner=owner)],
    }
