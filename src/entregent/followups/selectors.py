"""Reads of follow-ups."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import NotFound
from entregent.followups.models import FollowUp
from entregent.people.models import Person


def followup_get(*, owner: User, pk: int | str) -> FollowUp:
    """One of the owner's follow-ups, or NotFound (also for another owner's id)."""
    try:
        return FollowUp.objects.get(owner=owner, pk=int(pk))
    except (FollowUp.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(_("No such follow-up.")) from None


def followup_list(
    *, owner: User, person: Person | None = None, status: str = ""
) -> QuerySet[FollowUp]:
    """The owner's follow-ups, soonest due first, of one person or everyone, by status."""
    qs = FollowUp.objects.filter(owner=owner)
    if person is not None:
        qs = qs.filter(person=person)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("due_on", "id")
