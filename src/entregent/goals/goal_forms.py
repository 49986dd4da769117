"""Forms of the goals pages: a goal (or challenge) to set or change, a challenge to start."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entregent.goals.choices import ChallengeTarget, GoalMetric, GoalPeriod
from entregent.goals.models import MAX_CHALLENGE_DAYS, MAX_TARGET, Goal

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GoalForm(forms.Form):
    """The fields of goal_create and goal_update."""

    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    metric = forms.ChoiceField(label=_("What to count"), choices=GoalMetric.choices)
    target = forms.IntegerField(label=_("Target"), min_value=1, max_value=MAX_TARGET, initial=1)
    period = forms.ChoiceField(label=_("Period"), choices=GoalPeriod.choices)
    challenge_target = forms.ChoiceField(
        label=_("Challenge target"),
        choices=ChallengeTarget.choices,
        required=False,
        help_text=_("For a challenge: the target every day, or in total by its end."),
    )
    start_on = forms.DateField(
        label=_("Start date"), required=False, widget=_DATE, help_text=_("For a challenge.")
    )
    length_days = forms.IntegerField(
        label=_("Length (days)"),
        required=False,
        min_value=1,
        max_value=MAX_CHALLENGE_DAYS,
        help_text=_("For a challenge."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period") == GoalPeriod.CHALLENGE:
            if not data.get("start_on") and "start_on" not in self.errors:
                self.add_error("start_on", _("A challenge needs a start date."))
            if not data.get("length_days") and "length_days" not in self.errors:
                self.add_error("length_days", _("A challenge needs a length in days."))
        if not data.get("challenge_target"):
            data["challenge_target"] = ChallengeTarget.PER_DAY
        return data

    @staticmethod
    def initial_for(goal: Goal) -> dict[str, Any]:
        fields = ("title", "metric", "target", "period", "challenge_target")
        return {f: getattr(goal, f) for f in (*fields, "start_on", "length_days")}


class ChallengeStartForm(forms.Form):
    """Start a challenge today: so many of one action every day for so many days."""

    metric = forms.ChoiceField(
        label=_("What to count"), choices=GoalMetric.choices, initial=GoalMetric.NEW_CONNECTIONS
    )
    per_day = forms.IntegerField(label=_("Per day"), min_value=1, max_value=MAX_TARGET, initial=1)
    days = forms.IntegerField(
        label=_("Days"), min_value=1, max_value=MAX_CHALLENGE_DAYS, initial=30
    )
