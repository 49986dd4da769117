"""Helpers every app's services share: validation and owner checks that raise ApplicationError."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Model
from django.utils.translation import gettext as _

from entregent.core.errors import InvalidInput, NotFound
from entregent.core.validators import multi_line, single_line


def _text_errors(instance: Model, skip: set[str]) -> dict[str, list[ValidationError]]:
    """Checks `full_clean()` leaves out: Django enforces a TextField's max_length only in
    forms (so the API and the CLI could store any length), and e-mail, URL or other text
    fields declared without our validators would take control characters (NUL breaks
    PostgreSQL at save time)."""
    errors: dict[str, list[ValidationError]] = {}
    for field in instance._meta.concrete_fields:
        if field.name in skip or not isinstance(field, models.CharField | models.TextField):
            continue
        value = getattr(instance, field.attname)
        if not isinstance(value, str):
            continue
        is_text_area = isinstance(field, models.TextField)
        checks: list[Any] = [multi_line if is_text_area else single_line]
        if is_text_area and field.max_length:
            checks.append(MaxLengthValidator(field.max_length))
        for check in checks:
            try:
                check(value)
            except ValidationError as exc:
                errors.setdefault(field.name, []).append(exc)
                break
    return errors


def full_clean_or_raise(instance: Model, *, exclude: Iterable[str] = ()) -> None:
    """Validate a model's fields and turn Django's error into InvalidInput naming the field."""
    excluded = set(exclude)
    errors: dict[str, Any] = {}
    try:
        instance.full_clean(
            exclude=list(excluded), validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        errors = exc.update_error_dict({})
    errors.update(_text_errors(instance, excluded | set(errors)))
    if errors:
        raise InvalidInput.from_validation_error(ValidationError(errors))


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
