"""Pages of the matching app: thin adapters over `matching.selectors`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from entregent.matching.selectors import common_ground, grouped_items, person_brief
from entregent.people.selectors import PersonFilters, person_get, person_list
from entregent.web.requests import owner_of

CANDIDATES = 20


@require_GET
def brief_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The brief before meeting someone, printable."""
    brief = person_brief(owner=owner_of(request), person=pk)
    context = {
        "brief": brief,
        "person": brief.person,
        "ground": grouped_items(brief.common_ground),
    }
    return render(request, "matching/brief.html", context)


@require_GET
def brief_section_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The brief's essentials for the person page (loaded there by htmx)."""
    brief = person_brief(owner=owner_of(request), person=pk)
    context = {"brief": brief, "person": brief.person, "ground": grouped_items(brief.common_ground)}
    return render(request, "matching/partials/brief_section.html", context)


@require_GET
def common_ground_view(request: HttpRequest, pk: int) -> HttpResponse:
    """What a person has in common with the user, or with another person chosen by
    `?with=<id>` (found by name with `?q=`)."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    other_ref = request.GET.get("with", "").strip()
    query = request.GET.get("q", "").strip()[:200]
    other = person_get(owner=owner, pk=other_ref) if other_ref else None
    ground = common_ground(owner=owner, person=person, other=other)
    candidates = []
    if query:
        candidates = [
            p
            for p in person_list(owner=owner, filters=PersonFilters(q=query))[: CANDIDATES + 1]
            if p.pk != person.pk
        ][:CANDIDATES]
    context = {
        "person": person,
        "other": other,
        "ground": grouped_items(ground),
        "query": query,
        "candidates": candidates,
        "searched": bool(query),
    }
    return render(request, "matching/common_ground.html", context)
