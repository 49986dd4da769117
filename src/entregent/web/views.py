"""The home dashboard, the global search, and "me" (my own offers, needs, interests)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from entregent.core.errors import ApplicationError
from entregent.encounters.selectors import event_list
from entregent.followups.selectors import today_agenda, today_hints
from entregent.people.forms import FactForm
from entregent.people.selectors import (
    PersonFilters,
    facts_grouped,
    organization_list,
    person_list,
    search_is_capped,
)
from entregent.people.services import fact_create
from entregent.people.views import facts_response, paginate
from entregent.web.forms import SearchForm, add_application_error, error_status, focus_first_error
from entregent.web.requests import is_htmx, owner_of

SEARCH_SIDE_RESULTS = 10


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Today: overdue and due follow-ups, check-ins due and milestones coming, ranked, each
    with one-click done / snooze / dismiss; empty states say what to do next."""
    owner = owner_of(request)
    context = {
        "agenda": today_agenda(owner=owner),
        "hints": today_hints(owner=owner),
        "next_url": reverse("web:home"),
        # Item links are built from these prefixes: a reverse() per button per item is most
        # of the page's time once every section is full.
        "urls": {
            "people": reverse("people:list"),
            "followups": reverse("followups:list"),
            "act": reverse("followups:act"),
        },
    }
    return render(request, "web/home.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """One box over people (names, organizations, tags, facts, notes), organizations and events."""
    owner = owner_of(request)
    form = SearchForm(request.GET)
    q = form.query()
    context: dict[str, object] = {"q": q, "form": form}
    if q:
        page = paginate(request, person_list(owner=owner, filters=PersonFilters(q=q)))
        context["page"] = page
        context["capped"] = search_is_capped(query=q, count=page.paginator.count)
        context["organizations"] = list(organization_list(owner=owner, q=q)[:SEARCH_SIDE_RESULTS])
        context["events"] = list(event_list(owner=owner, q=q)[:SEARCH_SIDE_RESULTS])
    return render(request, "web/search.html", context, status=200 if form.is_valid() else 422)


def _me_page(request: HttpRequest, form: FactForm | None = None, status: int = 200) -> HttpResponse:
    if form is not None:
        focus_first_error(form)
    context = {
        "facts_by_kind": facts_grouped(owner=owner_of(request), person=None),
        "fact_form": form or FactForm(),
        "fact_add_url": reverse("web:me_fact_add"),
    }
    return render(request, "web/me.html", context, status=status)


@require_GET
def me(request: HttpRequest) -> HttpResponse:
    """What I offer, need and care about: the other half of every synergy."""
    return _me_page(request)


@require_POST
def me_fact_add(request: HttpRequest) -> HttpResponse:
    """Record something about myself."""
    form = FactForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            fact_create(
                owner=owner_of(request),
                person=None,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
            status = error_status(exc)
        else:
            if is_htmx(request):
                fresh = FactForm(initial={"kind": form.cleaned_data["kind"]})
                return facts_response(request, person=None, form=fresh, added=True)
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(reverse("web:me") + "#facts")
    if is_htmx(request):
        return facts_response(request, person=None, form=form, status=status)
    return _me_page(request, form, status)
