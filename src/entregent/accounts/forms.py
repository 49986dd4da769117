"""Forms of the sign-in, first-run and settings pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from entregent.accounts.choices import Language


class SetupForm(forms.Form):
    """The first account: a name, a password typed twice, a language."""

    username = forms.CharField(
        label=_("Your name for signing in"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=Language.choices, initial=Language.ENGLISH
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("password")
            and data.get("password_again")
            and data["password"] != data["password_again"]
        ):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    phone_region = forms.CharField(
        label=_("Default phone region"),
        required=False,
        max_length=2,
        help_text=_("Two-letter country code (FR, US, GB…) for numbers written without +."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "size": 4}),
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What will use it, e.g. “laptop script”."),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=Language.choices)
    next = forms.CharField(required=False, max_length=2000)
