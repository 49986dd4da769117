"""Helpers the API routers share: who is asking, paging, lookups, documented answers."""

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja.params import P, PathEx

from entregent.accounts.models import User
from entregent.core.errors import NotFound
from entregent.core.schemas import MAX_ID, ErrorOut, PageQuery

_M = TypeVar("_M", bound=Model)

ObjectId = PathEx[int, P(ge=1, le=MAX_ID, description="The object's id.")]
"""The id in a route's path; ids of other accounts' objects answer 404 like missing ones."""


def owner_of(request: HttpRequest) -> User:
    """The account a request acts for (set by token or session authentication)."""
    return cast(User, request.auth)  # type: ignore[attr-defined]


def paginate(queryset: QuerySet[_M], page: PageQuery) -> dict[str, Any]:
    """One slice of a list with the total count, in the shape of every `…Page` schema."""
    return {
        "count": queryset.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": list(queryset[page.offset : page.offset + page.limit]),
    }


def lookup(getter: Callable[..., _M], owner: User, pk: int, field: str) -> _M:
    """An object a body or a filter refers to; a missing or foreign id names the field."""
    try:
        return getter(owner=owner, pk=pk)
    except NotFound as exc:
        raise NotFound(exc.message, errors={field: [exc.message]}) from None


def lookup_optional(
    getter: Callable[..., _M], owner: User, pk: int | None, field: str
) -> _M | None:
    """Like `lookup`, where null means no object."""
    return None if pk is None else lookup(getter, owner, pk, field)


def responses(
    success: dict[int, Any],
    *,
    body: bool = False,
    unsafe: bool = False,
    lookup: bool = False,
    conflict: bool = False,
    params: bool = True,
) -> dict[int, Any]:
    """The answers an operation can give, so that the OpenAPI schema lists every one.

    `body`: it reads a JSON body (400 when it does not parse, 422 when a field is wrong);
    `unsafe`: it changes data (403 when a signed-in session sends no CSRF token);
    `lookup`: it finds rows by id (404, also for another account's rows);
    `conflict`: it can clash with existing data (409); `params`: it takes path or query
    parameters (422 when one is wrong). 401 is always possible.
    """
    codes = {401}
    if body:
        codes |= {400, 422}
    if unsafe:
        codes.add(403)
    if lookup:
        codes.add(404)
    if conflict:
        codes.add(409)
    if params:
        codes.add(422)
    return {**success, **dict.fromkeys(sorted(codes), ErrorOut)}
