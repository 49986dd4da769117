"""API routes of the dedupe app: likely duplicates, merging, undoing, "not a duplicate"."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from entregent.core.api import ObjectId, lookup, owner_of, paginate, responses
from entregent.core.schemas import PageQuery
from entregent.dedupe.schemas import (
    DismissIn,
    DismissOut,
    DuplicatePage,
    DuplicateQuery,
    MergeIn,
    MergeOut,
    MergePage,
)
from entregent.dedupe.selectors import (
    candidate_json,
    candidate_rows,
    duplicate_candidates,
    merge_get,
    merge_list,
)
from entregent.dedupe.services import duplicate_dismiss, merge_undo, person_merge
from entregent.people.selectors import person_get

router = Router()


@router.get("/duplicates", response=responses({200: DuplicatePage}))
def duplicates_list(request: HttpRequest, query: Query[DuplicateQuery]) -> object:
    """Likely duplicate people, best score first, with the reasons; pairs marked as not
    duplicates are left out."""
    owner = owner_of(request)
    found = duplicate_candidates(owner=owner, min_score=query.min_score).candidates
    page = found[query.offset : query.offset + query.limit]
    return {
        "count": len(found),
        "limit": query.limit,
        "offset": query.offset,
        "items": [candidate_json(r) for r in candidate_rows(owner=owner, candidates=page)],
    }


@router.post(
    "/duplicates/dismiss",
    response=responses({200: DismissOut}, body=True, unsafe=True, lookup=True),
)
def duplicates_dismiss(request: HttpRequest, payload: DismissIn) -> object:
    """Say two people are not the same: the pair is not proposed again (saying it twice
    changes nothing)."""
    owner = owner_of(request)
    return duplicate_dismiss(
        owner=owner,
        person=lookup(person_get, owner, payload.person_id, "person_id"),
        other=lookup(person_get, owner, payload.other_id, "other_id"),
    )


@router.get("/merges", response=responses({200: MergePage}))
def merges_list(request: HttpRequest, query: Query[PageQuery]) -> object:
    """Merges, newest first, undone ones included."""
    return paginate(merge_list(owner=owner_of(request)), query)


@router.post("/merges", response=responses({201: MergeOut}, body=True, unsafe=True, lookup=True))
def merges_create(request: HttpRequest, payload: MergeIn) -> object:
    """Merge one person into another: chosen fields are kept, every fact, encounter,
    follow-up, connection and kept field moves to the survivor; undoable."""
    owner = owner_of(request)
    merge = person_merge(
        owner=owner,
        survivor=lookup(person_get, owner, payload.survivor_id, "survivor_id"),
        other=lookup(person_get, owner, payload.other_id, "other_id"),
        choices={k: str(v) for k, v in payload.choices.items()},
    )
    return Status(201, merge)


@router.post(
    "/merges/{merge_id}/undo",
    response=responses({200: MergeOut}, unsafe=True, lookup=True, conflict=True),
)
def merges_undo(request: HttpRequest, merge_id: ObjectId) -> object:
    """Undo a merge: both people as they were. 409 when already undone, or when the
    survivor was merged again since (undo that one first)."""
    return merge_undo(merge=merge_get(owner=owner_of(request), pk=merge_id))
