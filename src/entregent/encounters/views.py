"""Web pages for encounters and events: parse with a form, call a service or selector, render.

Another owner's ids never get past a selector (NotFound becomes a 404 page in the
middleware) or a form's owner-scoped choices (a field error).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from entregent.accounts.models import User
from entregent.core.errors import ApplicationError
from entregent.encounters import selectors, services
from entregent.encounters.forms import (
    EncounterFilterForm,
    EncounterForm,
    EventFilterForm,
    EventForm,
    parse_ids,
)
from entregent.encounters.models import Encounter, Event
from entregent.encounters.yields import event_yield, event_yields
from entregent.followups.selectors import followups_open_for
from entregent.people.models import Person
from entregent.people.selectors import person_get
from entregent.web.forms import add_application_error

# Submitting the log form with this button re-shows it with the people found, so choosing
# participants works without JavaScript in a network too large to list whole.
FIND = "find"
FIND_FIELD = "find_person"
UNPROCESSABLE = 422
UPCOMING_SHOWN = 20


def _owner(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # every page requires sign-in (middleware)
    return user


def _paginate(request: HttpRequest, qs: QuerySet[Any]) -> Page:
    return Paginator(qs, settings.ENTREGENT_PAGE_SIZE).get_page(request.GET.get("page"))


# Encounters ---------------------------------------------------------------------------


@require_GET
def encounter_list(request: HttpRequest) -> HttpResponse:
    """The owner's encounters, newest first, narrowed by channel, person or event."""
    owner = _owner(request)
    filters = EncounterFilterForm(request.GET)
    channel = filters.cleaned_data["channel"] if filters.is_valid() else ""
    person = (
        person_get(owner=owner, pk=request.GET["person"]) if request.GET.get("person") else None
    )
    event = (
        selectors.event_get(owner=owner, pk=request.GET["event"])
        if request.GET.get("event")
        else None
    )
    encounters = selectors.encounter_list(owner=owner, person=person, channel=channel, event=event)
    context = {
        "page": _paginate(request, encounters),
        "filters": filters,
        "person": person,
        "event": event,
    }
    return render(request, "encounters/encounter_list.html", context)


def _participant_options(owner: User, selected: list[int], q: str) -> selectors.ParticipantOptions:
    return selectors.participant_options(owner=owner, selected=selected, q=q)


def _log_redirect(
    request: HttpRequest, encounter: Encounter, people: list[Person]
) -> HttpResponseRedirect:
    # Open follow-ups of these people may be settled by this conversation: offer to close them.
    if followups_open_for(
        owner=encounter.owner, people=people, exclude_encounter=encounter
    ).exists():
        return redirect("followups:after_encounter", pk=encounter.pk)
    # Back where the user came from: the event they are working the room at, or the person.
    if request.GET.get("event") and not request.GET.get("person") and encounter.event_id:
        return redirect("encounters:event_detail", pk=encounter.event_id)
    return redirect("people:detail", pk=people[0].pk)


@require_http_methods(["GET", "POST"])
def encounter_log(request: HttpRequest) -> HttpResponse:
    """Log an encounter; ?person=<id> and ?event=<id> prefill the form."""
    owner = _owner(request)
    status = 200
    if request.method == "POST" and FIND not in request.POST:
        selected = parse_ids(request.POST.getlist("participants"))
        options = _participant_options(owner, selected, "")
        form = EncounterForm(request.POST, owner=owner, options=options.people)
        if form.is_valid():
            fields = form.encounter_fields()
            try:
                encounter = services.encounter_log(owner=owner, **fields)
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(request, _("Encounter logged."))
                return _log_redirect(request, encounter, fields["participants"])
        status = UNPROCESSABLE
        query = ""
    elif request.method == "POST":
        initial = EncounterForm.initial_from_data(request.POST)
        query = request.POST.get(FIND_FIELD, "")[:200]
        options = _participant_options(owner, initial["participants"], query)
        form = EncounterForm(initial=initial, owner=owner, options=options.people)
    else:
        now = timezone.localtime()
        initial = {"date": now.date(), "time": now.time().replace(second=0, microsecond=0)}
        if request.GET.get("person"):
            initial["participants"] = [person_get(owner=owner, pk=request.GET["person"]).pk]
        if request.GET.get("event"):
            event = selectors.event_get(owner=owner, pk=request.GET["event"])
            initial.update(event=event.pk, place=event.place)
        query = ""
        options = _participant_options(owner, initial.get("participants", []), query)
        form = EncounterForm(initial=initial, owner=owner, options=options.people)
    context = {"form": form, "options": options, "query": query, "editing": None}
    return render(request, "encounters/encounter_form.html", context, status=status)


@require_GET
def participant_options(request: HttpRequest) -> HttpResponse:
    """The participant choices for a search, as a fragment the log form swaps in (htmx)."""
    owner = _owner(request)
    selected = parse_ids(request.GET.getlist("participants"))
    query = request.GET.get(FIND_FIELD, "")[:200]
    options = _participant_options(owner, selected, query)
    form = EncounterForm(initial={"participants": selected}, owner=owner, options=options.people)
    context = {"form": form, "options": options, "query": query}
    return render(request, "encounters/partials/participant_options.html", context)


@require_GET
def encounter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One encounter: when, how, where, with whom and what was said."""
    encounter = selectors.encounter_get(owner=_owner(request), pk=pk)
    return render(request, "encounters/encounter_detail.html", {"encounter": encounter})


@require_http_methods(["GET", "POST"])
def encounter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an encounter."""
    owner = _owner(request)
    encounter = selectors.encounter_get(owner=owner, pk=pk)
    current = [p.pk for p in encounter.participants.all()]
    status = 200
    query = ""
    if request.method == "POST" and FIND not in request.POST:
        selected = parse_ids(request.POST.getlist("participants"))
        options = _participant_options(owner, selected, "")
        form = EncounterForm(request.POST, owner=owner, options=options.people, keep=current)
        if form.is_valid():
            try:
                services.encounter_update(encounter=encounter, **form.encounter_fields())
            except ApplicationError as exc:
                add_application_error(form, exc)
                encounter = selectors.encounter_get(owner=owner, pk=pk)  # unchanged, for the title
            else:
                messages.success(request, _("Encounter saved."))
                return redirect("encounters:detail", pk=encounter.pk)
        status = UNPROCESSABLE
    elif request.method == "POST":
        initial = EncounterForm.initial_from_data(request.POST)
        query = request.POST.get(FIND_FIELD, "")[:200]
        options = _participant_options(owner, initial["participants"], query)
        form = EncounterForm(initial=initial, owner=owner, options=options.people, keep=current)
    else:
        options = _participant_options(owner, current, "")
        form = EncounterForm(
            initial=EncounterForm.initial_for(encounter),
            owner=owner,
            options=options.people,
            keep=current,
        )
    context = {"form": form, "options": options, "query": query, "editing": encounter}
    return render(request, "encounters/encounter_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def encounter_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then delete an encounter."""
    encounter = selectors.encounter_get(owner=_owner(request), pk=pk)
    if request.method == "POST":
        services.encounter_delete(encounter=encounter)
        messages.success(request, _("Encounter deleted."))
        return redirect("encounters:list")
    return render(request, "encounters/encounter_confirm_delete.html", {"encounter": encounter})


# Events -------------------------------------------------------------------------------


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """The owner's events, newest first, searched by name and narrowed by kind."""
    filters = EventFilterForm(request.GET)
    q, kind = (
        (filters.cleaned_data["q"], filters.cleaned_data["kind"])
        if filters.is_valid()
        else ("", "")
    )
    owner = _owner(request)
    today = timezone.localdate()
    events = selectors.event_list(owner=owner, q=q, kind=kind)
    upcoming = list(events.filter(date__gte=today).order_by("date", "id")[:UPCOMING_SHOWN])
    page = _paginate(request, events.filter(date__lt=today))
    # Each past event's yield on the page, counted in one query.
    yields = event_yields(owner=owner, events=page.object_list)
    for event in page.object_list:
        event.event_yield = yields[event.pk]
    return render(
        request,
        "encounters/event_list.html",
        {"page": page, "filters": filters, "upcoming": upcoming},
    )


@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    """Keep a new event."""
    status = 200
    if request.method == "POST":
        form = EventForm(request.POST)
        if form.is_valid():
            try:
                event = services.event_create(owner=_owner(request), **form.cleaned_data)
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(request, _("Event saved."))
                return redirect("encounters:event_detail", pk=event.pk)
        status = UNPROCESSABLE
    else:
        form = EventForm(initial={"date": timezone.localdate()})
    return render(
        request, "encounters/event_form.html", {"form": form, "editing": None}, status=status
    )


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An event and who the owner met there."""
    owner = _owner(request)
    detail = selectors.event_detail(owner=owner, pk=pk)
    context = {
        "detail": detail,
        "event": detail.event,
        "event_yield": event_yield(owner=owner, event=detail.event),
        "upcoming": detail.event.date >= timezone.localdate(),
    }
    return render(request, "encounters/event_detail.html", context)


@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an event."""
    event: Event = selectors.event_get(owner=_owner(request), pk=pk)
    status = 200
    if request.method == "POST":
        form = EventForm(request.POST)
        if form.is_valid():
            try:
                services.event_update(event=event, **form.cleaned_data)
            except ApplicationError as exc:
                add_application_error(form, exc)
                event = selectors.event_get(
                    owner=_owner(request), pk=pk
                )  # unchanged, for the title
            else:
                messages.success(request, _("Event saved."))
                return redirect("encounters:event_detail", pk=event.pk)
        status = UNPROCESSABLE
    else:
        form = EventForm(initial=EventForm.initial_for(event))
    return render(
        request, "encounters/event_form.html", {"form": form, "editing": event}, status=status
    )


@require_http_methods(["GET", "POST"])
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then delete an event; its encounters are kept, without the event."""
    event = selectors.event_get(owner=_owner(request), pk=pk)
    if request.method == "POST":
        services.event_delete(event=event)
        messages.success(request, _("Event deleted."))
        return redirect("encounters:event_list")
    count = event.encounters.count()
    return render(request, "encounters/event_confirm_delete.html", {"event": event, "count": count})
