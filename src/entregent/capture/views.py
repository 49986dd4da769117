"""Web pages of quick capture: the box on every page posts here; preview, correct, save."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from entregent.capture.forms import preview_from_post
from entregent.capture.services import CapturePreview, capture_preview, capture_save
from entregent.core.errors import ApplicationError
from entregent.encounters.choices import Channel
from entregent.people.choices import FactKind
from entregent.web.requests import owner_of


def _render(
    request: HttpRequest,
    preview: CapturePreview | None,
    *,
    text: str = "",
    errors: ApplicationError | None = None,
    status: int = 200,
) -> HttpResponse:
    people = preview.people if preview else []
    context = {
        "preview": preview,
        "text": preview.text if preview else text,
        "people": [
            (i, p, json.dumps([{"id": c.id, "full_name": c.full_name} for c in p.candidates]))
            for i, p in enumerate(people)
        ],
        "intro_candidates": json.dumps(
            [{"id": c.id, "full_name": c.full_name} for c in preview.introduced_by.candidates]
            if preview and preview.introduced_by
            else []
        ),
        "facts": [*(preview.facts if preview else []), None],
        "channels": Channel.choices,
        "fact_kinds": FactKind.choices,
        "error": errors,
        "error_lines": [m for ms in errors.errors.values() for m in ms] if errors else [],
    }
    return render(request, "capture/preview.html", context, status=status)


@require_http_methods(["GET", "POST"])
def capture_preview_view(request: HttpRequest) -> HttpResponse:
    """Read the text of the capture box and show what would be saved."""
    text = request.POST.get("text", "") if request.method == "POST" else request.GET.get("text", "")
    if not text.strip():
        return _render(request, None)
    try:
        preview = capture_preview(owner=owner_of(request), text=text)
    except ApplicationError as exc:
        return _render(request, None, text=text, errors=exc, status=exc.status)
    return _render(request, preview)


@require_http_methods(["POST"])
def capture_save_view(request: HttpRequest) -> HttpResponse:
    """Save the corrected preview; refusals come back on the same page."""
    preview: CapturePreview | None = None
    try:
        preview = preview_from_post(request.POST)
        result = capture_save(owner=owner_of(request), preview=preview)
    except ApplicationError as exc:
        return _render(
            request, preview, text=request.POST.get("text", ""), errors=exc, status=exc.status
        )
    names = ", ".join(p.full_name for p in result.people)
    messages.success(request, _("Saved the encounter with %(names)s.") % {"names": names})
    return redirect(reverse("people:detail", args=[result.people[0].pk]))
