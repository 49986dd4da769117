"""Pipeline pages: a board per kind (drag and drop, or a "move to" form that needs no
script), the opportunity form and page, next steps on Today, and a person's opportunities.
Thin adapters over the pipeline selectors and services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entregent.core.errors import ApplicationError, InvalidInput
from entregent.people.selectors import person_get
from entregent.pipeline.choices import OpportunityKind, ReferralOutcome, Stage
from entregent.pipeline.forms import MoveForm, OpportunityForm, OutcomeForm, RescheduleForm
from entregent.pipeline.models import Opportunity
from entregent.pipeline.selectors import (
    board,
    funnel,
    next_steps_due,
    opportunity_get,
    opportunity_list,
)
from entregent.pipeline.services import (
    next_step_done,
    next_step_reschedule,
    opportunity_create,
    opportunity_delete,
    opportunity_move,
    opportunity_update,
    referral_followups_plan,
    referral_outcome_set,
)
from entregent.web.forms import add_application_error, error_status, focus_first_error
from entregent.web.requests import owner_of

TODAY_LIMIT = 10


def _kind_of(request: HttpRequest, default: str = OpportunityKind.DREAM_CLIENT) -> str:
    kind = request.GET.get("kind") or request.POST.get("kind") or default
    return kind if kind in OpportunityKind.values else default


def _board_url(kind: str) -> str:
    return f"{reverse('pipeline:board')}?kind={kind}"


def _wants_fragment(request: HttpRequest) -> bool:
    """Our board script and htmx ask for the board fragment; a plain form gets a redirect."""
    return request.headers.get("X-Requested-With") == "fetch" or bool(
        request.headers.get("HX-Request")
    )


def _board_context(request: HttpRequest, kind: str, announce: str = "") -> dict[str, Any]:
    owner = owner_of(request)
    return {
        "kind": kind,
        "kinds": OpportunityKind.choices,
        "kind_label": OpportunityKind(kind).label,
        "columns": board(owner=owner, kind=kind),
        "stages": Stage.choices,
        "funnel": funnel(owner=owner, kinds=[kind])[0],
        "announce": announce,
    }


@require_GET
def board_view(request: HttpRequest) -> HttpResponse:
    """The board of one kind: a column per stage, and its funnel."""
    kind = _kind_of(request)
    return render(request, "pipeline/board.html", _board_context(request, kind))


@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a card to a stage (and a place in the column); answers the board fragment to
    the board's script, and a redirect back to the board otherwise."""
    owner = owner_of(request)
    opportunity = opportunity_get(owner=owner, pk=pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        exc: ApplicationError = InvalidInput.for_field(field, str(errors[0]))
    else:
        try:
            opportunity_move(
                opportunity=opportunity,
                stage=form.cleaned_data["stage"],
                position=form.cleaned_data["position"],
            )
        except ApplicationError as error:
            exc = error
        else:
            announce = _("“%(title)s” moved to %(stage)s.") % {
                "title": opportunity.title,
                "stage": opportunity.get_stage_display(),
            }
            if _wants_fragment(request):
                return render(
                    request,
                    "pipeline/partials/board_columns.html",
                    _board_context(request, opportunity.kind, announce),
                )
            messages.success(request, announce)
            return HttpResponseRedirect(_board_url(opportunity.kind))
    if _wants_fragment(request):
        return render(
            request,
            "pipeline/partials/board_columns.html",
            _board_context(request, opportunity.kind, exc.message),
            status=error_status(exc),
        )
    messages.error(request, exc.message)
    return HttpResponseRedirect(_board_url(opportunity.kind))


@require_http_methods(["GET", "POST"])
def opportunity_create_view(request: HttpRequest) -> HttpResponse:
    """A new opportunity on a board (prefilled with a person when coming from their page)."""
    owner = owner_of(request)
    initial: dict[str, Any] = {"kind": _kind_of(request)}
    person_id = request.GET.get("person")
    if person_id:
        try:
            person = person_get(owner=owner, pk=person_id)
        except ApplicationError:
            pass
        else:
            initial["asked_person" if initial["kind"] == "referral" else "people"] = (
                person.full_name
            )
    form = OpportunityForm(request.POST or None, owner=owner, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                opportunity = opportunity_create(owner=owner, **form.service_kwargs())
            except ApplicationError as exc:
                add_application_error(form, exc)
                status = error_status(exc)
            else:
                messages.success(request, _("Opportunity added."))
                return HttpResponseRedirect(reverse("pipeline:detail", args=[opportunity.pk]))
        else:
            status = 422
        focus_first_error(form)
    return render(request, "pipeline/opportunity_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an opportunity's fields (moves go through the board)."""
    owner = owner_of(request)
    opportunity = opportunity_get(owner=owner, pk=pk)
    form = OpportunityForm(
        request.POST or None,
        owner=owner,
        editing=True,
        initial=OpportunityForm.initial_for(opportunity),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                opportunity_update(opportunity=opportunity, **form.service_kwargs())
            except ApplicationError as exc:
                add_application_error(form, exc)
                status = error_status(exc)
            else:
                messages.success(request, _("Opportunity saved."))
                return HttpResponseRedirect(reverse("pipeline:detail", args=[opportunity.pk]))
        else:
            status = 422
        focus_first_error(form)
    return render(
        request,
        "pipeline/opportunity_form.html",
        {"form": form, "editing": opportunity},
        status=status,
    )


@require_GET
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One opportunity: its people, next step, notes, referral and stage history."""
    owner = owner_of(request)
    opportunity = opportunity_get(owner=owner, pk=pk)
    history = opportunity.stage_changes.order_by("at", "id")
    return render(
        request,
        "pipeline/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "history": history,
            "stages": Stage.choices,
            "outcomes": [c for c in ReferralOutcome.choices if c[0]],
            "today": timezone.localdate(),
        },
    )


@require_POST
def opportunity_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Take an opportunity off its board."""
    opportunity = opportunity_get(owner=owner_of(request), pk=pk)
    kind = opportunity.kind
    opportunity_delete(opportunity=opportunity)
    messages.success(request, _("Opportunity deleted."))
    return HttpResponseRedirect(_board_url(kind))


@require_POST
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Record what came of a referral request."""
    opportunity = opportunity_get(owner=owner_of(request), pk=pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            referral_outcome_set(
                opportunity=opportunity, outcome=form.cleaned_data["referral_outcome"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Outcome saved."))
    else:
        messages.error(request, _("Choose an outcome."))
    return HttpResponseRedirect(reverse("pipeline:detail", args=[opportunity.pk]))


def _today_context(request: HttpRequest, announce: str = "") -> dict[str, Any]:
    owner = owner_of(request)
    today = timezone.localdate()
    due = list(next_steps_due(owner=owner, on=today)[: TODAY_LIMIT + 1])
    return {
        "steps": due[:TODAY_LIMIT],
        "more": len(due) > TODAY_LIMIT,
        "today": today,
        "tomorrow": today + dt.timedelta(days=1),
        "announce": announce,
    }


@require_GET
def today_fragment(request: HttpRequest) -> HttpResponse:
    """Today's slot: next steps due today or overdue, each with Done and Reschedule. Also
    plans the gentle follow-ups of referral requests a week without an answer (once each;
    they show among Today's follow-ups)."""
    referral_followups_plan(owner=owner_of(request))
    return render(request, "pipeline/partials/today.html", _today_context(request))


@require_POST
def next_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Done or reschedule a next step, from Today or the opportunity's page."""
    opportunity = opportunity_get(owner=owner_of(request), pk=pk)
    action = request.POST.get("action", "")
    announce = ""
    status = 200
    if action == "done":
        next_step_done(opportunity=opportunity)
        announce = _("Next step of “%(title)s” done.") % {"title": opportunity.title}
    elif action == "reschedule":
        form = RescheduleForm(request.POST)
        if form.is_valid():
            next_step_reschedule(opportunity=opportunity, on=form.cleaned_data["on"])
            announce = _("Next step of “%(title)s” moved to %(date)s.") % {
                "title": opportunity.title,
                "date": formats.date_format(form.cleaned_data["on"], "SHORT_DATE_FORMAT"),
            }
        else:
            announce = _("Enter a valid date.")
            status = 422
    else:
        announce = _("Unknown action.")
        status = 422
    if _wants_fragment(request):
        context = {**_today_context(request, announce), "oob": True}
        return render(request, "pipeline/partials/today.html", context, status=status)
    (messages.success if status == 200 else messages.error)(request, announce)
    back = request.POST.get("next", "")
    if back != "detail":
        return HttpResponseRedirect(reverse("web:home"))
    return HttpResponseRedirect(reverse("pipeline:detail", args=[opportunity.pk]))


@require_GET
def person_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    """The person page's slot: their opportunities and referral requests."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    opportunities: list[Opportunity] = list(opportunity_list(owner=owner, person=person)[:20])
    return render(
        request,
        "pipeline/partials/person_opportunities.html",
        {"person": person, "opportunities": opportunities},
    )
