"""Web pages of the network map: the page, its data (JSON, read by map.js) and the
Connect page's card. Thin adapters over `network.map_data`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from entregent.accounts.models import User
from entregent.core.errors import InvalidInput
from entregent.encounters.models import Event
from entregent.network.map_data import (
    MAP_LIMIT,
    MapFilters,
    map_data,
    map_filters,
    map_summary,
    network_map,
)
from entregent.people.choices import Circle
from entregent.people.models import Organization, Tag
from entregent.web.requests import owner_of

FILTER_FIELDS = ("tag", "org", "circle", "event")


class MapFilterForm(forms.Form):
    """The map's filters, with the owner's tags, organizations and events to choose from.

    Only for drawing the selects: `network.map_data.map_filters` checks the values (and
    its messages go on the fields), so the fields themselves validate nothing more."""

    tag = forms.CharField(label=gettext_lazy("Tag"), required=False, widget=forms.Select)
    org = forms.CharField(label=gettext_lazy("Organization"), required=False, widget=forms.Select)
    circle = forms.CharField(label=gettext_lazy("Circle"), required=False, widget=forms.Select)
    event = forms.CharField(label=gettext_lazy("Event"), required=False, widget=forms.Select)

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anyone = [("", _("Any"))]
        tags = Tag.objects.filter(owner=owner).order_by("name").values_list("id", "name")
        orgs = (
            Organization.objects.filter(owner=owner, people__isnull=False)
            .distinct()
            .order_by("name", "id")
            .values_list("id", "name")
        )
        events = (
            Event.objects.filter(owner=owner)
            .order_by("-date", "-id")
            .values_list("id", "name", "date")
        )
        choices = {
            "tag": anyone + [(str(pk), name) for pk, name in tags],
            "org": anyone + [(str(pk), name) for pk, name in orgs],
            "circle": anyone + list(Circle.choices),
            "event": anyone
            + [(str(pk), f"{name} ({day.isoformat()})") for pk, name, day in events],
        }
        for name, options in choices.items():
            self.fields[name].widget.choices = options


def _filters(request: HttpRequest, owner: User) -> MapFilters:
    return map_filters(
        owner=owner,
        tag=request.GET.get("tag"),
        organization=request.GET.get("org"),
        circle=request.GET.get("circle"),
        event=request.GET.get("event"),
    )


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    """The map: filters, the drawing, the legend and the list of the people shown."""
    owner = owner_of(request)
    form = MapFilterForm(request.GET or None, owner=owner)
    try:
        _filters(request, owner)
    except InvalidInput as exc:
        for field, messages in exc.errors.items():
            for message in messages:
                form.add_error(field if field in FILTER_FIELDS else None, message)
    strings = {
        "shown": _("%(shown)s of %(total)s people shown."),
        "truncated": _(
            "Only the %(limit)s most connected people are shown: filter to see the others."
        ),
        "empty": _("Nobody matches these filters."),
        "me": _("You"),
        "loading": _("Loading the map…"),
        "failed": _("The map could not be loaded."),
        "no_graph": _("The drawing is not available; the list below shows everyone."),
    }
    return render(
        request,
        "network/map.html",
        {
            "section": "connect",
            "form": form,
            "circles": Circle.choices,
            "limit": MAP_LIMIT,
            "map_strings": strings,
        },
    )


@require_GET
def map_json(request: HttpRequest) -> JsonResponse:
    """The map's data for map.js (the same as `GET /api/v1/network/map`); 422 on a bad filter."""
    owner = owner_of(request)
    try:
        filters = _filters(request, owner)
    except InvalidInput as exc:
        return JsonResponse(exc.as_dict(), status=exc.status)
    return JsonResponse(map_data(network_map(owner=owner, filters=filters)))


@require_GET
def map_card(request: HttpRequest) -> HttpResponse:
    """The Connect page's card: how many people and ties the map holds, and the link."""
    people, ties = map_summary(owner=owner_of(request))
    return render(request, "network/partials/map_card.html", {"people": people, "ties": ties})
