"""Web pages for encounters and events: parse with a form, call a service or selector, render."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from entregent.encounters import selectors


def encounter_list(request: HttpRequest) -> HttpResponse:
    """The owner's encounters, newest first."""
    page = Paginator(
        selectors.encounter_list(owner=request.user), settings.ENTREGENT_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "encounters/encounter_list.html", {"page": page})


def event_list(request: HttpRequest) -> HttpResponse:
    """The owner's events, newest first."""
    page = Paginator(
        selectors.event_list(owner=request.user), settings.ENTREGENT_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "encounters/event_list.html", {"page": page})
