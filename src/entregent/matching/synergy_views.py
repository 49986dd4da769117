"""Pages of synergies and "share this": fragments for the Connect page and the person page,
thin adapters over `matching.synergies` and `matching.share`."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_POST

from entregent.core.errors import ApplicationError, NotFound
from entregent.matching.share import (
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
    share_followups_create,
    share_suggest,
)
from entregent.matching.synergies import (
    MAX_NEED_CHARS,
    person_synergies,
    ways_to_help,
    who_can_help,
)
from entregent.web.forms import add_application_error, error_status
from entregent.web.requests import owner_of

SECTION_LIMIT = 5
LIST_LIMIT = 10


class NeedForm(forms.Form):
    need = forms.CharField(
        label=_l("Who can help me with…"),
        max_length=MAX_NEED_CHARS,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _l("e.g. photos de produits, a bookkeeper")}),
    )


class ShareForm(forms.Form):
    url = forms.CharField(label=_l("Address"), max_length=MAX_URL_CHARS, required=False)
    title = forms.CharField(label=_l("Title"), max_length=MAX_TITLE_CHARS, required=False)
    text = forms.CharField(
        label=_l("Text"),
        max_length=MAX_TEXT_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@require_GET
def synergies_section(request: HttpRequest) -> HttpResponse:
    """The Connect page's section: ways to help, who can help me, and "share this"."""
    owner = owner_of(request)
    context = {
        "helping": ways_to_help(owner=owner, limit=SECTION_LIMIT),
        "asking": who_can_help(owner=owner, limit=SECTION_LIMIT),
        "need_form": NeedForm(),
        "share_form": ShareForm(),
    }
    return render(request, "matching/partials/synergies_section.html", context)


@require_GET
def who_can_help_fragment(request: HttpRequest) -> HttpResponse:
    """Who can help with a need typed on the Connect page (`?need=`), or with my needs."""
    owner = owner_of(request)
    form = NeedForm(request.GET)
    status = 200
    found = []
    need = ""
    if form.is_valid():
        need = form.cleaned_data["need"].strip()
        try:
            found = who_can_help(owner=owner, need=need or None, limit=LIST_LIMIT)
        except ApplicationError as exc:
            add_application_error(form, exc)
            status = error_status(exc)
    else:
        status = 422
    context = {"asking": found, "need": need, "need_form": form}
    return render(request, "matching/partials/who_can_help.html", context, status=status)


def _share_context(form: ShareForm) -> dict[str, str]:
    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else {}
    return {key: str(data.get(key, "")) for key in ("url", "title", "text")}


@require_POST
def share_suggest_view(request: HttpRequest) -> HttpResponse:
    """Who would care about the pasted article, with checkboxes to plan share follow-ups."""
    form = ShareForm(request.POST)
    result = None
    status = 200
    if form.is_valid():
        values = _share_context(form)
        try:
            result = share_suggest(owner=owner_of(request), **values, limit=LIST_LIMIT)
        except ApplicationError as exc:
            add_application_error(form, exc)
            status = error_status(exc)
    else:
        status = 422
    # The follow-ups' topic needs the address and title, or the text's first line only.
    first_line = ""
    if result is not None and not (result.article.url or result.article.title):
        first_line = result.article.text.split("\n", 1)[0][:MAX_TITLE_CHARS]
    context = {"share_form": form, "result": result, "first_line": first_line}
    return render(request, "matching/partials/share_results.html", context, status=status)


@require_POST
def share_followups_view(request: HttpRequest) -> HttpResponse:
    """Plan share follow-ups for the people ticked; those already planned are kept."""
    try:
        done = share_followups_create(
            owner=owner_of(request),
            people=request.POST.getlist("people"),
            url=request.POST.get("url", ""),
            title=request.POST.get("title", ""),
            text=request.POST.get("text", ""),
        )
    except NotFound:
        raise
    except ApplicationError as exc:
        context = {"error": exc}
        return render(
            request, "matching/partials/share_done.html", context, status=error_status(exc)
        )
    return render(request, "matching/partials/share_done.html", {"done": done})


@require_GET
def person_synergies_section(request: HttpRequest, pk: int) -> HttpResponse:
    """The person page's "ways to help" card: their needs I meet, their offers I need."""
    found = person_synergies(owner=owner_of(request), person=pk)
    return render(
        request,
        "matching/partials/person_synergies.html",
        {"found": found, "person": found.person},
    )
