"""Layout helpers: which nav section is current, and links that keep the query string."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict

register = template.Library()

# (namespace, url-name prefix) -> nav section; the first match wins.
_SECTIONS = [
    ("people", "organization", "organizations"),
    ("people", "", "people"),
    ("encounters", "event", "events"),
    ("encounters", "", "encounters"),
    ("web", "me", "me"),
    ("web", "home", "home"),
    ("web", "search", "search"),
    ("accounts", "settings", "settings"),
]


@register.simple_tag(takes_context=True)
def nav_section(context: template.Context) -> str:
    """The nav entry the current page belongs to, for aria-current."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    for namespace, prefix, section in _SECTIONS:
        if match.namespace == namespace and (match.url_name or "").startswith(prefix):
            return section
    return ""


@register.simple_tag(takes_context=True)
def query_replace(context: template.Context, **changes: Any) -> str:
    """The current query string with some parameters replaced (None or "" drops one)."""
    request = context.get("request")
    query: QueryDict = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = str(value)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
