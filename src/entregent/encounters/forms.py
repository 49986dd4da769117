"""Forms that parse the encounter and event pages' input before a service is called.

The forms only parse: choice lists are scoped to the owner so that another owner's ids
are a field error, and the services keep the business rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from entregent.accounts.models import User
from entregent.encounters.choices import Channel, EventKind, Initiator
from entregent.encounters.models import Encounter, Event
from entregent.people.models import Person

_MAX_ID = 2**63 - 1
_DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
YES, NO = "yes", "no"


def parse_ids(values: Iterable[str]) -> list[int]:
    """The valid database ids among raw query or form values, in order, without repeats."""
    ids: list[int] = []
    for value in values:
        try:
            number = int(str(value).strip())
        except ValueError:
            continue
        if 0 < number <= _MAX_ID and number not in ids:
            ids.append(number)
    return ids


class ParticipantsField(forms.ModelMultipleChoiceField):
    """Validates against every eligible person, but lists only a bounded set of options."""

    def clean(self, value: Any) -> Any:
        # An id beyond the database's integer range would fail inside the query instead.
        if isinstance(value, list | tuple) and len(parse_ids(value)) != len(
            {str(v).strip() for v in value}
        ):
            raise forms.ValidationError(
                self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": ""}
            )
        return super().clean(value)

    def label_from_instance(self, obj: Person) -> str:
        if obj.organization_id and obj.organization is not None:
            return f"{obj.full_name} — {obj.organization.name}"
        return obj.full_name


class EventChoiceField(forms.ModelChoiceField):
    """An event shown with its date, in the active language's format."""

    def label_from_instance(self, obj: Event) -> str:
        return f"{obj.name} ({formats.date_format(obj.date, 'SHORT_DATE_FORMAT')})"


class EncounterForm(forms.Form):
    """When, how, where and with whom: the fields of encounter_log and encounter_update."""

    date = forms.DateField(label=_("Date"), widget=_DATE_WIDGET)
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        help_text=_("Leave empty for midday."),
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    participants = ParticipantsField(
        label=_("Participants"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choice-list"}),
        error_messages={
            "required": _("Choose at least one person."),
            "invalid_choice": _("This person is not one of your people."),
            "invalid_pk_value": _("This person is not one of your people."),
        },
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.IN_PERSON
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    event = EventChoiceField(
        label=_("Event"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("No event"),
        error_messages={"invalid_choice": _("This event is not one of your events.")},
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=20000,
        help_text=_("What you talked about, what they do, offer and need."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    meaningful = forms.TypedChoiceField(
        label=_("Meaningful?"),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        coerce=lambda value: value == YES,
        initial=YES,
        help_text=_("A real exchange, not a passing e-mail."),
        widget=forms.RadioSelect(attrs={"class": "choice-inline"}),
    )
    initiated_by = forms.ChoiceField(
        label=_("Who reached out first"), choices=Initiator.choices, initial=Initiator.UNKNOWN
    )

    def __init__(
        self,
        *args: Any,
        owner: User,
        options: list[Person],
        keep: Iterable[int] = (),
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        # Eligible: the owner's live people, plus anyone already on the encounter being
        # edited (archiving someone must not make their past encounters uneditable).
        eligible: QuerySet[Person] = Person.objects.filter(owner=owner).filter(
            Q(archived=False) | Q(pk__in=list(keep))
        )
        participants = self.fields["participants"]
        assert isinstance(participants, ParticipantsField)
        participants.queryset = eligible.select_related("organization")
        participants.choices = [(p.pk, participants.label_from_instance(p)) for p in options]
        event = self.fields["event"]
        assert isinstance(event, EventChoiceField)
        event.queryset = Event.objects.filter(owner=owner).order_by("-date", "-id")

    def clean_participants(self) -> list[Person]:
        """The chosen people, in the order they were ticked or prefilled."""
        people = list(self.cleaned_data["participants"])
        widget = self.fields["participants"].widget
        raw = widget.value_from_datadict(self.data, self.files, self.add_prefix("participants"))
        order = {pk: i for i, pk in enumerate(parse_ids(raw or []))}
        return sorted(people, key=lambda p: order.get(p.pk, len(order)))

    def encounter_fields(self) -> dict[str, Any]:
        """Keyword arguments for encounter_log / encounter_update."""
        data = self.cleaned_data
        when: dt.date | dt.datetime = data["date"]
        if data.get("time") is not None:
            when = timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))
        return {
            "occurred_at": when,
            "participants": data["participants"],
            "channel": data["channel"],
            "place": data["place"],
            "event": data["event"],
            "summary": data["summary"],
            "meaningful": data["meaningful"],
            "initiated_by": data["initiated_by"],
        }

    @staticmethod
    def initial_for(encounter: Encounter) -> dict[str, Any]:
        """The form's starting values for editing an encounter."""
        local = timezone.localtime(encounter.occurred_at)
        return {
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "participants": [p.pk for p in encounter.participants.all()],
            "channel": encounter.channel,
            "place": encounter.place,
            "event": encounter.event_id,
            "summary": encounter.summary,
            "meaningful": YES if encounter.meaningful else NO,
            "initiated_by": encounter.initiated_by,
        }

    @classmethod
    def initial_from_data(cls, data: QueryDict) -> dict[str, Any]:
        """Typed-in values carried over unvalidated, to re-show the form after a search."""
        initial: dict[str, Any] = {name: data.get(name, "") for name in cls.base_fields}
        initial["participants"] = parse_ids(data.getlist("participants"))
        return initial


class EventForm(forms.Form):
    """The fields of event_create and event_update."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices, initial=EventKind.MEETUP)
    date = forms.DateField(label=_("Date"), widget=_DATE_WIDGET)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    size = forms.IntegerField(
        label=_("Approximate size"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        help_text=_("About how many people were there."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )

    @staticmethod
    def initial_for(event: Event) -> dict[str, Any]:
        """The form's starting values for editing an event."""
        return {f: getattr(event, f) for f in ("name", "kind", "date", "place", "size", "notes")}


class EncounterFilterForm(forms.Form):
    """Narrow the encounter list by channel; unknown values are a field error, not a crash."""

    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("Any channel")), *Channel.choices]
    )


class EventFilterForm(forms.Form):
    """Search events by name and narrow them by kind."""

    q = forms.CharField(
        label=_("Search events"), required=False, max_length=200, widget=forms.SearchInput()
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *EventKind.choices]
    )
