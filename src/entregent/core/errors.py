"""One family of application errors, mapped to HTTP, forms and exit codes in one place each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def field_message(field: str, message: str) -> str:
    """The message prefixed with its field, in the active language's typography."""
    return str(_("%(field)s: %(message)s") % {"field": field, "message": message})


class ApplicationError(Exception):
    """A request the application refuses, with a message a person can read.

    `errors` maps a field name (or "__all__") to messages, so that each adapter can point
    at the field that was wrong.
    """

    status = 400
    code = "invalid"

    def __init__(
        self, message: str | None = None, *, errors: Mapping[str, Sequence[str]] | None = None
    ):
        self.message = str(message) if message is not None else str(self.default_message())
        self.errors: dict[str, list[str]] = {
            k: [str(m) for m in v] for k, v in (errors or {}).items()
        }
        super().__init__(self.message)

    def default_message(self) -> str:
        return str(_("The request could not be completed."))

    def as_dict(self) -> dict[str, object]:
        return {"detail": self.message, "code": self.code, "errors": self.errors}


class InvalidInput(ApplicationError):
    """Input that fails validation; `errors` names each field."""

    status = 422
    code = "invalid"

    def default_message(self) -> str:
        return str(_("Some fields are not valid."))

    @classmethod
    def from_validation_error(cls, exc: ValidationError) -> InvalidInput:
        if hasattr(exc, "error_dict"):
            errors = {
                field: [str(m) for e in errs for m in e.messages]
                for field, errs in exc.error_dict.items()
            }
        else:
            errors = {"__all__": [str(m) for m in exc.messages]}
        first = next(((field, msgs) for field, msgs in errors.items() if msgs), None)
        if first is None:
            return cls(errors=errors)
        if first[0] == "__all__":
            return cls(first[1][0], errors=errors)
        return cls(field_message(first[0], first[1][0]), errors=errors)

    @classmethod
    def for_field(cls, field: str, message: str) -> InvalidInput:
        return cls(field_message(field, message), errors={field: [message]})


class NotFound(ApplicationError):
    """The object does not exist for this owner (another owner's rows are never revealed)."""

    status = 404
    code = "not_found"

    def default_message(self) -> str:
        return str(_("Not found."))


class Conflict(ApplicationError):
    """The change clashes with existing data (a duplicate name, a self-connection)."""

    status = 409
    code = "conflict"

    def default_message(self) -> str:
        return str(_("This conflicts with existing data."))
