"""The Connect page's "Who can introduce me to…" section and its brokers list (htmx)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from entregent.core.errors import ApplicationError
from entregent.network.paths import (
    ORGANIZATION,
    PERSON,
    SKILL,
    introduction_paths,
    network_brokers,
    path_target,
)
from entregent.people.selectors import organization_names
from entregent.web.requests import owner_of

KINDS = (
    (ORGANIZATION, _("Anyone at an organization")),
    (PERSON, _("A person")),
    (SKILL, _("Anyone who offers a skill")),
)
QUERY_LENGTH = 200


@require_GET
def paths_section(request: HttpRequest) -> HttpResponse:
    """The form, empty results, and the brokers list loaded after it."""
    context = {
        "kinds": KINDS,
        "kind": ORGANIZATION,
        "organizations": organization_names(owner=owner_of(request), limit=200),
    }
    return render(request, "network/partials/paths_section.html", context)


@require_GET
def paths_results(request: HttpRequest) -> HttpResponse:
    """The warmest paths to the target asked for (`kind` and `q`), or the error."""
    owner = owner_of(request)
    kind = request.GET.get("kind", ORGANIZATION)
    query = request.GET.get("q", "").strip()[:QUERY_LENGTH]
    context: dict[str, object] = {"kind": kind, "query": query}
    if kind not in {k for k, _label in KINDS}:
        context["error"] = _("Choose whom you want to meet: a person, an organization or a skill.")
    elif not query:
        context["error"] = _("Type a name, an organization or a skill.")
    else:
        try:
            target = path_target(owner=owner, **{kind: query})
            context["answer"] = introduction_paths(owner=owner, target=target)
        except ApplicationError as exc:
            context["error"] = exc.message
    return render(request, "network/partials/paths_results.html", context)


@require_GET
def brokers_section(request: HttpRequest) -> HttpResponse:
    """The people who bridge groups, with the groups they connect."""
    context = {"brokers": network_brokers(owner=owner_of(request))}
    return render(request, "network/partials/brokers.html", context)
