"""Shapes every API router shares: the error body, paging, references to other rows.

Input limits are read from the models so that the OpenAPI schema documents the same
lengths the services enforce, and cannot drift from them.
"""

import datetime as dt
import re
from typing import Annotated, Any

from django.conf import settings
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field

# The largest primary key the databases hold (a signed 64-bit integer); anything larger is
# refused as input instead of overflowing a query.
MAX_ID = 2**63 - 1
MAX_OFFSET = 1_000_000_000
MAX_LIMIT = 200

# Same rule as core.validators: no control characters but tab, newline, carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(value: str) -> str:
    """Refuse text holding control characters (a validator for query strings and names)."""
    if _CONTROL.search(value):
        raise ValueError(_("Control characters are not allowed."))
    return value


def _storable_datetime(value: dt.datetime | None) -> dt.datetime | None:
    # A time next to year 1 or 9999 may not survive the shift to UTC.
    if value is None:
        return value
    try:
        aware = timezone.make_aware(value) if timezone.is_naive(value) else value
        # In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows.
        return aware.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise ValueError(_("Date is out of the supported range.")) from None


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
"""A row id given in a body or a query string."""

NoControlCharacters = AfterValidator(no_control_characters)

SearchText = Annotated[str, Field(max_length=200), NoControlCharacters]
"""Text given in a query string to filter or search with."""

StorableDatetime = Annotated[dt.datetime, AfterValidator(_storable_datetime)]
"""A date and time, read in the server's time zone without an offset, kept in UTC."""


def max_length(model: type[Model], field: str) -> int:
    """The length the model allows for a text field."""
    length = getattr(model._meta.get_field(field), "max_length", None)
    assert isinstance(length, int), f"{model.__name__}.{field} has no max_length"
    return length


def text(model: type[Model], field: str, **kwargs: Any) -> Any:
    """A body field for a model's text field, with the model's length documented.

    `default=None` makes it a PATCH field, like `unchanged`.
    """
    return Field(max_length=max_length(model, field), **kwargs)


def unchanged(**kwargs: Any) -> Any:
    """A field of a PATCH body: left out, it keeps its value; its type still refuses null."""
    # The None default is never validated nor rendered: with `exclude_unset` a field left
    # out does not reach the service, and a null sent on purpose fails the field's type.
    return Field(None, **kwargs)


class InputSchema(Schema):
    """A request body: unknown fields are refused so that a typo never goes unnoticed."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class ErrorOut(Schema):
    """Every error the API answers: a message, a stable code, and messages per field."""

    detail: str = Field(description="What went wrong, in the account's language.")
    code: str = Field(
        description="Stable machine-readable code: invalid, malformed, unauthorized, "
        "csrf_failed, not_found, conflict, method_not_allowed."
    )
    errors: dict[str, list[str]] = Field(
        default_factory=dict,
        description='Messages per field name (`"__all__"` when no single field is at fault).',
    )


class PageQuery(Schema):
    """Which slice of a list to return."""

    limit: int = Field(
        min(settings.ENTREGENT_PAGE_SIZE, MAX_LIMIT),
        ge=1,
        le=MAX_LIMIT,
        description="How many items to return.",
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


class PageOut(Schema):
    """The paging part of every list answer."""

    count: int = Field(description="How many items match, over all pages.")
    limit: int
    offset: int


class PersonRef(Schema):
    """A person, named."""

    id: int
    full_name: str


class OrganizationRef(Schema):
    """An organization, named."""

    id: int
    name: str


class EventRef(Schema):
    """An event, named and dated."""

    id: int
    name: str
    date: dt.date
