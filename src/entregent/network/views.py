"""Web pages of the network app: the Connect page gathers what the network can do for me
and what I can do for it. Each section is an htmx fragment served by the app that owns it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def connect(request: HttpRequest) -> HttpResponse:
    """Ways to help, who can help me, introductions, paths, the radar and the map."""
    return render(request, "network/connect.html", {"section": "connect"})
