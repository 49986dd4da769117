"""Tie strength on the web: the person page's card and the Connect page's radar, as htmx
fragments; thin adapters over `network.selectors`, `network.radar` and `network.services`."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from entregent.network.radar import radar
from entregent.network.selectors import person_tie
from entregent.network.services import tie_recompute
from entregent.network.tie_output import COMPONENT_HELP, COMPONENT_LABELS
from entregent.people.choices import Circle
from entregent.people.selectors import person_get
from entregent.web.requests import owner_of

SECTION_LIMIT = 5


@require_GET
def tie_card(request: HttpRequest, pk: int) -> HttpResponse:
    """The person page's tie-strength card: the score, the circle (pinned or computed) and
    what each component contributes."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    tie = person_tie(owner=owner, person=person)
    components = [
        {
            "name": c.name,
            "label": COMPONENT_LABELS[c.name],
            "help": COMPONENT_HELP[c.name],
            "weight": c.weight,
            "value": c.value,
            "contribution": c.contribution,
            # Bars are drawn against the largest possible contribution, the heaviest weight.
            "percent": round(100 * c.contribution / max(x.weight for x in tie.components)),
        }
        for c in tie.components
    ]
    return render(
        request,
        "network/partials/tie_card.html",
        {
            "person": person,
            "tie": tie,
            "components": components,
            "computed_circle_label": Circle(tie.computed_circle).label,
        },
    )


def _radar_response(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    found = radar(owner=owner_of(request), limit=SECTION_LIMIT)
    return render(request, "network/partials/radar.html", {"radar": found}, status=status)


@require_GET
def radar_section(request: HttpRequest) -> HttpResponse:
    """The Connect page's weak-tie radar (scores a day old are recomputed first)."""
    return _radar_response(request)


@require_POST
def ties_recompute(request: HttpRequest) -> HttpResponse:
    """Recompute everyone's tie strength and the circles not pinned; htmx gets the radar
    again, a plain form post goes back to the Connect page."""
    result = tie_recompute(owner=owner_of(request), apply_circles=True)
    text = ngettext(
        "Tie strength recomputed for %(count)d person; %(moved)d circles changed.",
        "Tie strength recomputed for %(count)d people; %(moved)d circles changed.",
        result.scored,
    ) % {"count": result.scored, "moved": result.circles_changed}
    if request.headers.get("HX-Request"):
        response = _radar_response(request)
        response["HX-Trigger"] = "ties-recomputed"
        return response
    messages.success(request, text)
    return redirect("network:connect")
