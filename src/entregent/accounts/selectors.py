"""Reads of accounts."""

from __future__ import annotations

from django.db.models import QuerySet

from entregent.accounts.models import ApiToken, User
from entregent.core.validators import query_text


def token_list(*, owner: User) -> QuerySet[ApiToken]:
    """The owner's tokens, newest first, revoked ones included for the record."""
    return ApiToken.objects.filter(owner=owner).order_by("-created")


def user_by_name(username: str) -> User | None:
    """The account with exactly this name, or None (also for a name no account could have)."""
    if not username or query_text(username) != username:
        # PostgreSQL refuses NUL even in a query; no valid name has control characters.
        return None
    return User.objects.filter(username=username).first()


def users_exist() -> bool:
    """Whether any account exists yet (the first-run setup page exists only before)."""
    return User.objects.exists()


def user_list() -> QuerySet[User]:
    """Active accounts by name (the CLI picks one, or lists them when it cannot)."""
    return User.objects.filter(is_active=True).order_by("username", "id")
