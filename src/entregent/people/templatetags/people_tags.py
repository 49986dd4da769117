"""Display helpers for people: phone numbers in their readable international form."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from entregent.people.normalize import format_phone

register = template.Library()


@register.filter
def phone(e164: str) -> str:
    """ "+33612345678" -> "+33 6 12 34 56 78"."""
    return format_phone(str(e164))


@register.filter
def without(people: Iterable[Any], person: Any) -> list[Any]:
    """The people in a list other than this one (an encounter's other participants)."""
    return [p for p in people if p.pk != getattr(person, "pk", None)]
