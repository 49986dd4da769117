"""Template filters of the events pages."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def share(value: float | None) -> str:
    """A 0..1 share as a whole percentage ("42 %"), or "—" when there is nothing to tell."""
    if value is None:
        return "—"
    return _("%(percent)s %%") % {"percent": number_format(round(value * 100))}
