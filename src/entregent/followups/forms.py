"""Forms of the follow-up actions and of the keep-in-touch settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entregent.accounts.models import User
from entregent.encounters.choices import Channel
from entregent.followups.choices import FollowUpKind, FollowUpStatus
from entregent.followups.services import CADENCE_FIELDS, SNOOZE_NEXT_WEEK, SNOOZE_TOMORROW

ACTIONS = ("done", "snooze", "dismiss")


class SnoozeForm(forms.Form):
    """Until when: "tomorrow", "next_week", or "date" with the day in `until_date`."""

    until = forms.CharField(label=_("Snooze until"), max_length=20)
    until_date = forms.DateField(label=_("Snooze until"), required=False)

    def until_value(self) -> Any:
        until = self.cleaned_data["until"]
        if until in {SNOOZE_TOMORROW, SNOOZE_NEXT_WEEK}:
            return until
        if until == "date" and self.cleaned_data.get("until_date"):
            return self.cleaned_data["until_date"]
        # A typed date in `until` itself (scripts) is checked by the service.
        return self.cleaned_data.get("until_date") or until


class DoneForm(forms.Form):
    """Done, optionally logging an encounter (a call…) with a summary."""

    log = forms.ChoiceField(
        label=_("Log an encounter"), choices=[("", "—"), *Channel.choices], required=False
    )
    summary = forms.CharField(label=_("What you talked about"), max_length=5000, required=False)

    def log_encounter(self) -> dict[str, Any] | None:
        channel = self.cleaned_data.get("log")
        if not channel:
            return None
        return {"channel": channel, "summary": self.cleaned_data.get("summary", "")}


class AgendaActForm(forms.Form):
    """A check-in or a congratulation on Today, acted on before any follow-up stands for it."""

    person = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        choices=[
            (FollowUpKind.CHECK_IN.value, FollowUpKind.CHECK_IN.label),
            (FollowUpKind.CONGRATULATE.value, FollowUpKind.CONGRATULATE.label),
        ],
        widget=forms.HiddenInput,
    )
    due_on = forms.DateField(required=False, widget=forms.HiddenInput)
    topic = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS], required=False)

    def chosen_action(self) -> str:
        """The clicked button: an explicit action, else a snooze button (`until`), else done."""
        return self.cleaned_data.get("action") or ("snooze" if self.data.get("until") else "done")


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *FollowUpStatus.choices], required=False
    )


class CadenceForm(forms.Form):
    """The keep-in-touch intervals per circle, the follow-up delay, milestones ahead."""

    cadence_inner_days = forms.IntegerField(
        label=_("Inner circle: every (days)"), min_value=1, max_value=3650
    )
    cadence_active_days = forms.IntegerField(
        label=_("Active: every (days)"), min_value=1, max_value=3650
    )
    cadence_weak_days = forms.IntegerField(
        label=_("Weak ties: every (days)"), min_value=1, max_value=3650
    )
    cadence_dormant_days = forms.IntegerField(
        label=_("Dormant: every (days)"), min_value=1, max_value=3650
    )
    followup_delay_days = forms.IntegerField(
        label=_("Follow up after a meaningful encounter within (days)"),
        min_value=0,
        max_value=365,
    )
    congratulate_days_ahead = forms.IntegerField(
        label=_("Show birthdays and other milestones (days ahead)"), min_value=0, max_value=60
    )

    @classmethod
    def for_user(cls, user: User) -> CadenceForm:
        return cls(initial={field: getattr(user, field) for field in CADENCE_FIELDS})
