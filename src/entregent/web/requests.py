"""Small request helpers every app's web views share."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest

from entregent.accounts.models import User


def owner_of(request: HttpRequest) -> User:
    """The signed-in user, typed: the login-required middleware guarantees one on every page."""
    return cast(User, request.user)


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx asked for a fragment (a history restore wants the whole page)."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request
