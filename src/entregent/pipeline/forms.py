"""Forms that parse the pipeline pages' input before a service is called.

People and organizations are typed by name (a network may hold 100k people: no select
lists); a name that is not one of the owner's is an error on that field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from entregent.accounts.models import User
from entregent.core.validators import single_line
from entregent.people.models import Organization, Person
from entregent.pipeline.choices import OpportunityKind, ReferralOutcome, Stage
from entregent.pipeline.models import Opportunity

_DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _person_named(owner: User, name: str) -> Person:
    matches = list(Person.objects.filter(owner=owner, full_name__iexact=name.strip())[:2])
    if not matches:
        raise forms.ValidationError(
            gettext("Nobody called “%(name)s” among your people.") % {"name": name.strip()}
        )
    if len(matches) > 1:
        raise forms.ValidationError(
            gettext("Several people are called “%(name)s”: rename one to tell them apart.")
            % {"name": name.strip()}
        )
    return matches[0]


class OpportunityForm(forms.Form):
    """The fields of opportunity_create and opportunity_update."""

    title = forms.CharField(label=_("Title"), max_length=200, validators=[single_line])
    kind = forms.ChoiceField(label=_("Kind"), choices=OpportunityKind.choices)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices, initial=Stage.IDEA)
    organization = forms.CharField(
        label=_("Organization"),
        required=False,
        max_length=200,
        validators=[single_line],
        help_text=_("The name of one of your organizations."),
    )
    people = forms.CharField(
        label=_("People"),
        required=False,
        max_length=2000,
        validators=[single_line],
        help_text=_("Full names of your people, separated by commas."),
    )
    next_step = forms.CharField(
        label=_("Next step"), required=False, max_length=300, validators=[single_line]
    )
    next_step_on = forms.DateField(label=_("Next step date"), required=False, widget=_DATE_WIDGET)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    asked_person = forms.CharField(
        label=_("Person asked"),
        required=False,
        max_length=200,
        validators=[single_line],
        help_text=_("For a referral request: whom you asked."),
    )
    asked_for = forms.CharField(
        label=_("Asked for"),
        required=False,
        max_length=300,
        validators=[single_line],
        help_text=_("For a referral request: e.g. an introduction to a CTO."),
    )
    asked_on = forms.DateField(label=_("Asked on"), required=False, widget=_DATE_WIDGET)
    referral_outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=ReferralOutcome.choices
    )

    def __init__(self, *args: Any, owner: User, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        if editing:
            del self.fields["stage"]  # moves go through the board

    def clean_organization(self) -> Organization | None:
        name = self.cleaned_data["organization"].strip()
        if not name:
            return None
        org = Organization.objects.filter(owner=self.owner, name__iexact=name).first()
        if org is None:
            raise forms.ValidationError(
                gettext("No organization called “%(name)s” among yours.") % {"name": name}
            )
        return org

    def clean_people(self) -> list[Person]:
        names = [n.strip() for n in self.cleaned_data["people"].split(",") if n.strip()]
        found: list[Person] = []
        for name in names:
            person = _person_named(self.owner, name)
            if person not in found:
                found.append(person)
        return found

    def clean_asked_person(self) -> Person | None:
        name = self.cleaned_data["asked_person"].strip()
        return _person_named(self.owner, name) if name else None

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned values, named as the services expect them."""
        data = dict(self.cleaned_data)
        data["referral_outcome"] = data.get("referral_outcome") or ""
        return data

    @staticmethod
    def initial_for(opportunity: Opportunity) -> dict[str, Any]:
        """The form's starting values for editing an opportunity."""
        return {
            "title": opportunity.title,
            "kind": opportunity.kind,
            "organization": opportunity.organization.name if opportunity.organization else "",
            "people": ", ".join(p.full_name for p in opportunity.people.all()),
            "next_step": opportunity.next_step,
            "next_step_on": opportunity.next_step_on,
            "notes": opportunity.notes,
            "asked_person": opportunity.asked_person.full_name if opportunity.asked_person else "",
            "asked_for": opportunity.asked_for,
            "asked_on": opportunity.asked_on,
            "referral_outcome": opportunity.referral_outcome,
        }


class MoveForm(forms.Form):
    """Where a card goes: a stage, and optionally a place in that column."""

    stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    position = forms.IntegerField(required=False, min_value=0, max_value=100_000)


class RescheduleForm(forms.Form):
    """A new day for a next step."""

    on = forms.DateField(label=_("New date"), widget=_DATE_WIDGET)

    def clean_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["on"]
        return value


class OutcomeForm(forms.Form):
    """What came of a referral request."""

    referral_outcome = forms.ChoiceField(label=_("Outcome"), choices=ReferralOutcome.choices)
