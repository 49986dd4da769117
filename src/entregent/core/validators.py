"""Validators shared by every app's models."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Control characters other than tab, newline and carriage return never belong in text a
# person typed; NUL also breaks PostgreSQL. The C1 range (\x80-\x9f) is refused too: it
# only comes from mis-decoded text, and terminals may read \x9b as an escape sequence.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"[\r\n\t]")


@deconstructible
class NoControlCharacters:
    """Reject control characters; single-line fields also reject line breaks."""

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value: object) -> None:
        text = str(value)
        if _CONTROL.search(text) or (not self.multiline and _LINE_BREAK.search(text)):
            raise ValidationError(
                _("Control characters are not allowed."), code="control_characters"
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoControlCharacters) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash(self.multiline)


single_line = NoControlCharacters(multiline=False)
multi_line = NoControlCharacters(multiline=True)


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """Strip surrounding white space; inner control characters are left for validation."""
    if value is None:
        return ""
    text = str(value)
    return text.strip() if not multiline else text.strip("\n\r ")


_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def query_text(value: str | None) -> str:
    """Text typed into a search or filter box, made safe to send to any database.

    Control characters become spaces (PostgreSQL refuses NUL even inside a query) and runs
    of white space collapse, as they do in stored names.
    """
    return " ".join(_ANY_CONTROL.sub(" ", str(value or "")).split())
