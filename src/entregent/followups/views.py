"""Follow-up pages: the list with its history, one-click done / snooze / dismiss from Today
(htmx fragments, plain redirects without JavaScript), closing follow-ups after an encounter,
and the keep-in-touch settings."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entregent.accounts.views import _settings_page
from entregent.core.errors import ApplicationError, InvalidInput
from entregent.encounters.selectors import encounter_get
from entregent.followups.forms import (
    AgendaActForm,
    CadenceForm,
    DoneForm,
    SnoozeForm,
    StatusFilterForm,
)
from entregent.followups.models import FollowUp
from entregent.followups.selectors import followup_get, followup_history, followups_open_for
from entregent.followups.services import (
    agenda_item_followup,
    cadence_settings_update,
    followup_dismiss,
    followup_done,
    followup_snooze,
)
from entregent.people.selectors import person_get
from entregent.people.views import paginate
from entregent.web.forms import add_application_error
from entregent.web.requests import is_htmx, owner_of


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("web:home")


def _invalid(form: forms.Form) -> InvalidInput:
    field, errors = next(iter(form.errors.items()))
    return InvalidInput.for_field(field, str(errors[0]))


def _answer(
    request: HttpRequest, followup: FollowUp | None, message: str, *, error: bool = False
) -> HttpResponse:
    """htmx gets the item's new state in place; a plain form post goes back where it came from."""
    if is_htmx(request):
        context = {"followup": followup, "message": message, "error": error}
        return render(
            request, "followups/partials/item_result.html", context, status=422 if error else 200
        )
    (messages.error if error else messages.success)(request, message)
    return HttpResponseRedirect(_next_url(request))


def _act(request: HttpRequest, followup: FollowUp, action: str) -> HttpResponse:
    name = followup.person.full_name
    try:
        if action == "done":
            form = DoneForm(request.POST)
            if not form.is_valid():
                raise _invalid(form)
            log = form.log_encounter()
            followup_done(followup=followup, log_encounter=log)
            if log:
                message = _("Done, and the conversation with %(name)s is logged.") % {"name": name}
            else:
                message = _("Done: %(name)s.") % {"name": name}
        elif action == "snooze":
            snooze = SnoozeForm(request.POST)
            if not snooze.is_valid():
                raise _invalid(snooze)
            followup_snooze(followup=followup, until=snooze.until_value())
            message = _("%(name)s: snoozed until %(date)s.") % {
                "name": name,
                "date": date_format(followup.due_on, "DATE_FORMAT"),
            }
        else:
            followup_dismiss(followup=followup)
            message = _("Dismissed: %(name)s. It stays in the history.") % {"name": name}
    except InvalidInput as exc:
        return _answer(request, followup, exc.message, error=True)
    except ApplicationError as exc:
        if exc.status == 404:
            raise
        return _answer(request, followup, exc.message, error=True)
    return _answer(request, followup, message)


@require_POST
def followup_done_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a follow-up done; `log=call` (or another channel) logs that conversation too."""
    return _act(request, followup_get(owner=owner_of(request), pk=pk), "done")


@require_POST
def followup_snooze_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a follow-up off: `until` is tomorrow, next_week, or date (with `until_date`)."""
    return _act(request, followup_get(owner=owner_of(request), pk=pk), "snooze")


@require_POST
def followup_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Drop a follow-up; it stays in the history."""
    return _act(request, followup_get(owner=owner_of(request), pk=pk), "dismiss")


@require_POST
def agenda_act_view(request: HttpRequest) -> HttpResponse:
    """Act on a Today check-in or congratulation: a follow-up is recorded for it first."""
    owner = owner_of(request)
    form = AgendaActForm(request.POST)
    if not form.is_valid():
        return _answer(request, None, _invalid(form).message, error=True)
    data = form.cleaned_data
    person = person_get(owner=owner, pk=data["person"])
    with transaction.atomic():
        followup = agenda_item_followup(
            owner=owner,
            person=person,
            kind=data["kind"],
            due_on=data["due_on"],
            topic=data["topic"],
        )
        return _act(request, followup, form.chosen_action())


@require_GET
def followup_list(request: HttpRequest) -> HttpResponse:
    """Every follow-up with its history: open, snoozed, done and dismissed."""
    owner = owner_of(request)
    form = StatusFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    context = {
        "filters": form,
        "status": status,
        "page": paginate(request, followup_history(owner=owner, status=status)),
    }
    return render(request, "followups/followup_list.html", context)


@require_http_methods(["GET", "POST"])
def after_encounter(request: HttpRequest, pk: int) -> HttpResponse:
    """After logging an encounter: offer to mark the participants' open follow-ups done."""
    owner = owner_of(request)
    encounter = encounter_get(owner=owner, pk=pk)
    people = list(encounter.participants.all())
    pending = list(followups_open_for(owner=owner, people=people, exclude_encounter=encounter))
    if request.method == "POST":
        chosen = set(request.POST.getlist("followup"))
        closed = 0
        with transaction.atomic():
            for followup in pending:
                if str(followup.pk) in chosen:
                    followup_done(followup=followup)
                    closed += 1
        if closed:
            messages.success(request, _("Marked %(count)d follow-up(s) done.") % {"count": closed})
        return redirect("people:detail", pk=people[0].pk) if people else redirect("web:home")
    context = {"encounter": encounter, "people": people, "pending": pending}
    return render(request, "followups/after_encounter.html", context)


@require_POST
def cadence_settings(request: HttpRequest) -> HttpResponse:
    """Save the keep-in-touch intervals, the follow-up delay and how early milestones show."""
    user = owner_of(request)
    form = CadenceForm(request.POST)
    if form.is_valid():
        try:
            cadence_settings_update(user=user, **form.cleaned_data)
        except ApplicationError as exc:
            user.refresh_from_db()
            add_application_error(form, exc)
        else:
            messages.success(request, _("Keep-in-touch settings saved."))
            return HttpResponseRedirect(reverse("accounts:settings") + "#keep-in-touch")
    return _settings_page(request, cadence_form=form, status=422)
