"""Helpers every app's services share: validation and owner checks that raise ApplicationError."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from entregent.core.errors import InvalidInput, NotFound


def full_clean_or_raise(instance: Model, *, exclude: Iterable[str] = ()) -> None:
    """Validate a model's fields and turn Django's error into InvalidInput naming the field."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise InvalidInput.from_validation_error(exc) from None


def ensure_owned(owner: Any, obj: Model | None, field: str) -> None:
    """Related objects must be the owner's own; anything else looks like it does not exist."""
    if obj is not None and getattr(obj, "owner_id", None) != owner.pk:
        raise NotFound(_("Not found."), errors={field: [_("Not found.")]})


def ensure_choice(value: object, choices: Any, field: str) -> None:
    """Refuse a value outside a TextChoices, listing the accepted ones."""
    if value not in choices.values:
        raise InvalidInput.for_field(
            field,
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": str(value)[:40], "choices": ", ".join(choices.values)},
        )
