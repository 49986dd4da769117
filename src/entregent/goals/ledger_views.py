"""Web pages of the giving ledger: the overall ledger, and the person page's favours card
(an htmx fragment with a form to log one by hand)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from entregent.core.errors import ApplicationError
from entregent.goals import ledger
from entregent.goals.choices import FavourDirection, FavourKind
from entregent.people.models import Person
from entregent.people.selectors import person_get
from entregent.web.forms import add_application_error
from entregent.web.requests import is_htmx, owner_of

UNPROCESSABLE = 422
RECENT = 10


class FavourForm(forms.Form):
    """A favour logged by hand."""

    direction = forms.ChoiceField(
        label=_("Direction"), choices=FavourDirection.choices, initial=FavourDirection.GIVEN
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=FavourKind.choices, initial=FavourKind.HELP)
    occurred_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


def _card(
    request: HttpRequest, person: Person, form: FavourForm | None = None, status: int = 200
) -> HttpResponse:
    owner = owner_of(request)
    context: dict[str, Any] = {
        "person": person,
        "entry": ledger.person_ledger(owner=owner, person=person, limit=RECENT),
        "form": form or FavourForm(initial={"occurred_on": timezone.localdate()}),
    }
    return render(request, "goals/partials/person_favours.html", context, status=status)


@require_GET
def person_favours(request: HttpRequest, pk: int) -> HttpResponse:
    """The person page's favours card: given vs received, the latest, a form to add one."""
    return _card(request, person_get(owner=owner_of(request), pk=pk))


@require_POST
def person_favour_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Log a favour with this person by hand."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    form = FavourForm(request.POST)
    if form.is_valid():
        try:
            ledger.favour_log(owner=owner, person=person, **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            if is_htmx(request):
                return _card(request, person)
            messages.success(request, _("Favour logged."))
            return redirect("people:detail", pk=person.pk)
    if is_htmx(request):
        return _card(request, person, form, status=UNPROCESSABLE)
    for errors in form.errors.values():
        messages.error(request, str(errors[0]))
    return redirect("people:detail", pk=person.pk)


@require_POST
def favour_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Forget a favour; back to the person's card or page."""
    owner = owner_of(request)
    favour = ledger.favour_get(owner=owner, pk=pk)
    person = favour.person
    ledger.favour_delete(favour=favour)
    if is_htmx(request):
        return _card(request, person)
    messages.success(request, _("Favour forgotten."))
    if request.POST.get("next") == "ledger":
        return redirect("goals:ledger")
    return redirect("people:detail", pk=person.pk)


@require_GET
def ledger_page(request: HttpRequest) -> HttpResponse:
    """The giving ledger: totals, balances per person (takers first, with ways to help),
    and favours given and received per month."""
    owner = owner_of(request)
    takers = request.GET.get("takers") == "1"
    page = Paginator(
        ledger.balances(owner=owner, takers_only=takers), settings.ENTREGENT_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "entries": ledger.balances_with_help(owner=owner, rows=list(page.object_list)),
        "totals": ledger.ledger_totals(owner=owner),
        "months": ledger.give_take_per_month(owner=owner),
        "takers": takers,
    }
    return render(request, "goals/ledger.html", context)
