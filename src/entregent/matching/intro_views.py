"""Pages of introductions: the Connect page's section (suggestions with Accept and Dismiss,
introductions in progress with their draft and next step), one introduction's page, the
person page's card, and the workflow's buttons. Thin adapters over `matching.introductions`
and `matching.intro_services`.

Buttons post with htmx and get the introduction's card back; without JavaScript they post
and land on the introduction's page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from entregent.accounts.models import User
from entregent.core.errors import ApplicationError, InvalidInput, NotFound
from entregent.matching.intro_services import (
    intro_accept,
    intro_ask_a,
    intro_ask_b,
    intro_cancel,
    intro_dismiss,
    intro_make,
    intro_record_answer,
)
from entregent.matching.introductions import (
    current_draft,
    first_emails,
    introduction_drafts,
    introduction_get,
    introduction_list,
    next_actions,
    next_step_label,
    suggestions,
    suggestions_for_person,
)
from entregent.matching.models import Introduction
from entregent.people.models import Person
from entregent.people.selectors import person_get
from entregent.web.requests import is_htmx, owner_of

SECTION_SUGGESTIONS = 5
SECTION_OPEN = 10
PERSON_SUGGESTIONS = 3
PERSON_LIST = 20


def _cards(owner: User, intros: list[Introduction]) -> list[dict[str, Any]]:
    """What each introduction's card shows: status, next step, actions, current draft.
    One query for everyone's e-mails."""
    emails = first_emails(
        owner=owner, people=[p for i in intros for p in (i.person_a_id, i.person_b_id)]
    )
    cards = []
    for intro in intros:
        drafts = introduction_drafts(owner=owner, introduction=intro, emails=emails)
        cards.append(_card(intro, drafts))
    return cards


def _card(intro: Introduction, drafts: list[Any], error: str = "") -> dict[str, Any]:
    return {
        "intro": intro,
        "next_step": next_step_label(intro),
        "actions": set(next_actions(intro)),
        "draft": current_draft(drafts, intro),
        "drafts": drafts,
        "error": error,
    }


def _section_context(request: HttpRequest, error: str = "") -> dict[str, Any]:
    owner = owner_of(request)
    open_intros = list(introduction_list(owner=owner, open_only=True)[:SECTION_OPEN])
    return {
        "suggestions": suggestions(owner=owner, limit=SECTION_SUGGESTIONS),
        "cards": _cards(owner, open_intros),
        "error": error,
    }


@require_GET
def intro_section(request: HttpRequest) -> HttpResponse:
    """The Connect page's section: suggestions, and introductions in progress."""
    return render(request, "matching/partials/intro_section.html", _section_context(request))


def _pair(request: HttpRequest) -> tuple[Person, Person]:
    owner = owner_of(request)
    people = []
    for field in ("person_a", "person_b"):
        value = request.POST.get(field, "")
        try:
            people.append(person_get(owner=owner, pk=value))
        except NotFound:
            raise InvalidInput.for_field(field, _("No such person.")) from None
    return people[0], people[1]


@require_POST
def intro_accept_view(request: HttpRequest) -> HttpResponse:
    """Accept a suggestion (or start an introduction between two people)."""
    owner = owner_of(request)
    try:
        a, b = _pair(request)
        intro = intro_accept(owner=owner, person_a=a, person_b=b)
    except ApplicationError as exc:
        if is_htmx(request):
            context = _section_context(request, error=exc.message)
            return render(request, "matching/partials/intro_section.html", context, status=422)
        messages.error(request, exc.message)
        return redirect("network:connect")
    if is_htmx(request):
        return render(request, "matching/partials/intro_section.html", _section_context(request))
    messages.success(request, _("Introduction started: ask %(a)s first.") % {"a": a.full_name})
    return redirect("matching:introduction", pk=intro.pk)


@require_POST
def intro_dismiss_view(request: HttpRequest) -> HttpResponse:
    """Never suggest this pair again."""
    owner = owner_of(request)
    try:
        a, b = _pair(request)
        intro_dismiss(owner=owner, person_a=a, person_b=b)
    except ApplicationError as exc:
        if is_htmx(request):
            context = _section_context(request, error=exc.message)
            return render(request, "matching/partials/intro_section.html", context, status=422)
        messages.error(request, exc.message)
        return redirect("network:connect")
    if is_htmx(request):
        return render(request, "matching/partials/intro_section.html", _section_context(request))
    messages.success(request, _("Suggestion dismissed."))
    return redirect("network:connect")


def _step(intro: Introduction, action: str, request: HttpRequest) -> Introduction:
    if action == "ask-a":
        return intro_ask_a(introduction=intro)
    if action == "ask-b":
        return intro_ask_b(introduction=intro)
    if action == "make":
        return intro_make(introduction=intro)
    if action == "cancel":
        return intro_cancel(introduction=intro)
    if action == "answer":
        agreed = request.POST.get("agreed", "")
        if agreed not in {"yes", "no"}:
            raise InvalidInput.for_field("agreed", _("Answer yes or no."))
        side = request.POST.get("side", "")
        return intro_record_answer(introduction=intro, side=side, agreed=agreed == "yes")
    raise Http404


@require_POST
def intro_step_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step of the workflow; answers the introduction's card (htmx) or its page."""
    owner = owner_of(request)
    intro = introduction_get(owner=owner, pk=pk)
    error = ""
    try:
        intro = _step(intro, action, request)
    except ApplicationError as exc:
        error = exc.message
        intro = introduction_get(owner=owner, pk=pk)
    if is_htmx(request):
        drafts = introduction_drafts(owner=owner, introduction=intro)
        # htmx swaps 422 answers only: a refusal is shown in the card.
        return render(
            request,
            "matching/partials/intro_card.html",
            {"card": _card(intro, drafts, error), "detail": request.POST.get("detail") == "1"},
            status=422 if error else 200,
        )
    if error:
        messages.error(request, error)
    return redirect(reverse("matching:introduction", kwargs={"pk": intro.pk}))


@require_GET
def introduction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One introduction: both people, why, each step's time, all three drafts, next step."""
    owner = owner_of(request)
    intro = introduction_get(owner=owner, pk=pk)
    drafts = introduction_drafts(owner=owner, introduction=intro)
    context = {"card": _card(intro, drafts), "detail": True}
    return render(request, "matching/introduction_detail.html", context)


@require_GET
def person_intros_section(request: HttpRequest, pk: int) -> HttpResponse:
    """The person page's card: introductions they are part of, and a few to suggest."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    intros = list(introduction_list(owner=owner, person=person)[:PERSON_LIST])
    context = {
        "person": person,
        "intros": intros,
        "suggestions": suggestions_for_person(owner=owner, person=person, limit=PERSON_SUGGESTIONS),
    }
    return render(request, "matching/partials/intro_person.html", context)
