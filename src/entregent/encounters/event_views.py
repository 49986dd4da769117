"""Web pages for events that pay off: the yield across events, an event's plan and its
printable prep list. Thin: parse with a form, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from entregent.accounts.models import User
from entregent.core.errors import ApplicationError
from entregent.encounters import selectors
from entregent.encounters.choices import Attendance
from entregent.encounters.forms import parse_ids
from entregent.encounters.models import Event
from entregent.encounters.planning import event_plan, event_prep
from entregent.encounters.yields import event_yield_by_kind_and_size
from entregent.people.models import Person
from entregent.web.forms import add_application_error

UNPROCESSABLE = 422


def _owner(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # every page requires sign-in (middleware)
    return user


@require_GET
def event_yield_summary(request: HttpRequest) -> HttpResponse:
    """Which events are worth the evenings: yield by kind and by size band."""
    summary = event_yield_by_kind_and_size(owner=_owner(request))
    return render(request, "encounters/event_yield.html", {"summary": summary})


@require_GET
def event_prep_page(request: HttpRequest, pk: int) -> HttpResponse:
    """An event's prep list, printable: who is going, who I want to meet, my introduction."""
    prep = event_prep(owner=_owner(request), pk=pk)
    return render(request, "encounters/event_prep.html", {"prep": prep, "event": prep.event})


class EventPlanForm(forms.Form):
    """Whether I go, my one-line introduction, who is going, who I want to meet."""

    attendance = forms.ChoiceField(
        label=_("Are you going?"),
        required=False,
        choices=[("", _("Not said")), *Attendance.choices],
    )
    my_intro = forms.CharField(
        label=_("My one-line introduction"),
        required=False,
        max_length=300,
        help_text=_("What you will say when someone asks what you do."),
    )
    expected_people = forms.MultipleChoiceField(
        label=_("People I know who are going"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wanted_people = forms.MultipleChoiceField(
        label=_("People I want to meet there"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    want_to_meet = forms.CharField(
        label=_("Anyone else I want to meet"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Names or roles, one per line (e.g. “the organiser”, “a product designer”)."),
    )

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), p.full_name) for p in people]
        self.fields["expected_people"].choices = choices  # type: ignore[attr-defined]
        self.fields["wanted_people"].choices = choices  # type: ignore[attr-defined]


@require_http_methods(["GET", "POST"])
def event_plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Plan an event. ?q= narrows the people offered; people already chosen stay listed."""
    owner = _owner(request)
    event: Event = selectors.event_get(owner=owner, pk=pk)
    query = request.GET.get("q", "")[:200]
    status = 200
    if request.method == "POST":
        chosen = parse_ids(
            request.POST.getlist("expected_people") + request.POST.getlist("wanted_people")
        )
        options = selectors.participant_options(owner=owner, selected=chosen, q=query, limit=0)
        form = EventPlanForm(request.POST, people=options.people)
        if form.is_valid():
            by_id = {p.pk: p for p in options.people}
            data = form.cleaned_data
            try:
                event_plan(
                    event=event,
                    attendance=data["attendance"],
                    my_intro=data["my_intro"],
                    want_to_meet=data["want_to_meet"],
                    expected_people=[by_id[int(i)] for i in data["expected_people"]],
                    wanted_people=[by_id[int(i)] for i in data["wanted_people"]],
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(request, _("Plan saved."))
                return redirect("encounters:event_prep", pk=event.pk)
        status = UNPROCESSABLE
    else:
        expected = [p.pk for p in event.expected_people.all()]
        wanted = [p.pk for p in event.wanted_people.all()]
        options = selectors.participant_options(owner=owner, selected=expected + wanted, q=query)
        form = EventPlanForm(
            initial={
                "attendance": event.attendance,
                "my_intro": event.my_intro,
                "want_to_meet": event.want_to_meet,
                "expected_people": [str(i) for i in expected],
                "wanted_people": [str(i) for i in wanted],
            },
            people=options.people,
        )
    context = {"form": form, "event": event, "options": options, "query": query}
    return render(request, "encounters/event_plan.html", context, status=status)
