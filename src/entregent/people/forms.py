"""Forms that parse what the people pages send; the services do the real validation."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from entregent.encounters.choices import Channel
from entregent.people.choices import Circle, ConnectionKind, FactKind, MilestoneKind
from entregent.people.models import Person
from entregent.people.normalize import format_phone

_LINES = re.compile(r"[\r\n]+")
_EMAIL_SEPARATORS = re.compile(r"[\r\n,;]+")


# A name field that fills the shared datalist with matching people as the user types (htmx);
# without script it is a plain text field resolved by name on submit.
_PERSON_NAME_ATTRS = {
    "list": "people-options",
    "autocomplete": "off",
    "hx-get": reverse_lazy("people:suggest"),
    "hx-trigger": "input changed delay:250ms",
    "hx-target": "#people-options",
    "hx-swap": "innerHTML",
    "hx-sync": "this:replace",
}


def split_lines(text: str) -> list[str]:
    """One item per line; blank lines are ignored."""
    return [item.strip() for item in _LINES.split(text or "") if item.strip()]


def split_emails(text: str) -> list[str]:
    """E-mail addresses one per line, or separated by commas or semicolons as pasted."""
    return [item.strip() for item in _EMAIL_SEPARATORS.split(text or "") if item.strip()]


def split_tags(text: str) -> list[str]:
    return [item.strip() for item in (text or "").split(",") if item.strip()]


def _text(label: Any, max_length: int, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, **kwargs)


def _lines(label: Any, help_text: Any, **attrs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=5000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 2, **attrs}),
    )


def _language_choices() -> list[tuple[str, Any]]:
    return [("", _("Not set")), *settings.LANGUAGES]


class PersonForm(forms.Form):
    """Everything about a person, as typed: lists one per line, tags comma separated."""

    full_name = _text(
        _("Name"),
        200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
        help_text=_("Given and family names are worked out from it."),
    )
    given_name = _text(_("Given name"), 100)
    family_name = _text(_("Family name"), 100)
    headline = _text(_("Role or headline"), 200)
    organization = _text(
        _("Organization"),
        200,
        widget=forms.TextInput(attrs={"list": "organization-options", "autocomplete": "off"}),
        help_text=_("Pick an existing one or type a new name."),
    )
    emails = _lines(
        _("E-mail addresses"), _("One per line."), inputmode="email", autocapitalize="none"
    )
    phones = _lines(
        _("Phone numbers"),
        _("One per line; numbers without + use your default phone region."),
        inputmode="tel",
    )
    links = _lines(
        _("Links"),
        _("One per line: LinkedIn, website, GitHub…"),
        inputmode="url",
        autocapitalize="none",
    )
    city = _text(_("City"), 100)
    language = forms.ChoiceField(label=_("Language"), required=False, choices=_language_choices)
    how_we_met = _text(_("How we met"), 500)
    introduced_by = _text(
        _("Introduced by"),
        200,
        widget=forms.TextInput(attrs=_PERSON_NAME_ATTRS),
        help_text=_("The name of one of your people."),
    )
    introduced_by_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    circle = forms.ChoiceField(
        label=_("Circle"),
        required=False,
        choices=[("", _("Automatic")), *Circle.choices],
        help_text=_("Leave on automatic unless you want to pin it."),
    )
    cadence_days = forms.IntegerField(
        label=_("Keep in touch every (days)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Leave empty to follow the circle's rhythm."),
    )
    tags = _text(_("Tags"), 1000, help_text=_("Separated by commas."))
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )

    @classmethod
    def initial_for(cls, person: Person) -> dict[str, Any]:
        """The form's starting values for an existing person (prefetched children are reused)."""
        return {
            "full_name": person.full_name,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "headline": person.headline,
            "organization": person.organization.name if person.organization else "",
            "emails": "\n".join(e.address for e in person.emails.all()),
            "phones": "\n".join(format_phone(p.number) for p in person.phones.all()),
            "links": "\n".join(link.url for link in person.links.all()),
            "city": person.city,
            "language": person.language,
            "how_we_met": person.how_we_met,
            "introduced_by": person.introduced_by.full_name if person.introduced_by else "",
            "introduced_by_id": person.introduced_by_id,
            "circle": person.circle if person.circle_pinned else "",
            "cadence_days": person.cadence_days,
            "tags": ", ".join(t.name for t in person.tags.all()),
            "notes": person.notes,
        }

    def service_fields(self) -> dict[str, Any]:
        """Cleaned values shaped for person_create/person_update (names and introducer aside)."""
        data = self.cleaned_data
        fields: dict[str, Any] = {
            "headline": data["headline"],
            "organization": data["organization"],
            "city": data["city"],
            "language": data["language"],
            "how_we_met": data["how_we_met"],
            "cadence_days": data["cadence_days"],
            "notes": data["notes"],
            "emails": split_emails(data["emails"]),
            "phones": split_lines(data["phones"]),
            "links": split_lines(data["links"]),
            "tags": split_tags(data["tags"]),
            "circle_pinned": bool(data["circle"]),
        }
        if data["circle"]:
            fields["circle"] = data["circle"]
        return fields

    def name_fields(self, *, editing: bool) -> dict[str, Any]:
        """Names to send: a changed full name alone is re-parsed; edited parts are kept as typed."""
        data = self.cleaned_data
        names = {key: data[key] for key in ("full_name", "given_name", "family_name")}
        if not editing:
            return names
        changed = set(self.changed_data)
        if changed & {"given_name", "family_name"}:
            return names
        if "full_name" in changed:
            return {"full_name": data["full_name"]}
        return {}


class PersonFilterForm(forms.Form):
    """The people list's search box and filters (all optional, read from the query string)."""

    q = forms.CharField(
        label=_("Search people"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    tag = forms.CharField(
        label=_("Tag"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"list": "tag-options"}),
    )
    organization = forms.CharField(
        label=_("Organization"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"list": "organization-options"}),
    )
    circle = forms.ChoiceField(
        label=_("Circle"), required=False, choices=[("", _("Any")), *Circle.choices]
    )
    channel = forms.ChoiceField(
        label=_("Met by channel"), required=False, choices=[("", _("Any")), *Channel.choices]
    )
    archived = forms.BooleanField(label=_("Archived people"), required=False)

    def active_filters(self) -> bool:
        """Whether any filter besides the search words narrows the list."""
        if not self.is_bound or not self.is_valid():
            return False
        data = self.cleaned_data
        return any(data[key] for key in ("tag", "organization", "circle", "channel", "archived"))


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    domain = _text(_("Domain"), 200, help_text=_("For example example.org."))
    industry = _text(_("Industry"), 200)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FactForm(forms.Form):
    """Something learned: its kind and a short line of text."""

    kind = forms.ChoiceField(label=_("Kind"), choices=FactKind.choices, initial=FactKind.INTEREST)
    text = forms.CharField(label=_("What you learned"), max_length=500, required=False)

    def __init__(self, *args: Any, prefix_id: str = "fact", **kwargs: Any):
        kwargs.setdefault("auto_id", f"id_{prefix_id}_%s")
        super().__init__(*args, **kwargs)


class ConnectionForm(forms.Form):
    to_person = forms.CharField(
        label=_("Person"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=_PERSON_NAME_ATTRS),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ConnectionKind.choices, initial=ConnectionKind.KNOWS
    )
    note = _text(_("Note"), 300)

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("auto_id", "id_connection_%s")
        super().__init__(*args, **kwargs)


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MilestoneKind.choices)
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    yearly = forms.ChoiceField(
        label=_("Repeats"),
        required=False,
        choices=[("", _("Automatic")), ("yes", _("Every year")), ("no", _("Once"))],
        help_text=_("Automatic: birthdays and anniversaries every year, the rest once."),
    )
    note = _text(_("Note"), 300)

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("auto_id", "id_milestone_%s")
        super().__init__(*args, **kwargs)

    def yearly_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data["yearly"])


class ArchiveForm(forms.Form):
    archived = forms.BooleanField(required=False)
