"""Forms of the reminders page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DigestForm(forms.Form):
    email = forms.CharField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    enabled = forms.BooleanField(label=_("Send me the daily digest"), required=False)
