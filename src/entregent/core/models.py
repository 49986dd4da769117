"""The base every owned row inherits: an owner, and when it was created and changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from entregent.accounts.models import User

_M = TypeVar("_M", bound=models.Model)


class OwnedQuerySet(models.QuerySet[_M]):
    """Chainable filters; `for_owner` is the only way selectors start a query."""

    def for_owner(self, owner: User) -> OwnedQuerySet[_M]:
        return self.filter(owner=owner)


# Built at module level so that the mypy plugin types `Person.objects` as a manager of
# Person (an inline `as_manager()` on the abstract base typed every row as OwnedModel).
OwnedManager = models.Manager.from_queryset(OwnedQuerySet)


class OwnedModel(models.Model):
    """A row that belongs to one user and is never visible to another."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("owner"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = OwnedManager()

    class Meta:
        abstract = True
