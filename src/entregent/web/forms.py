"""Form helpers shared by every app's web views."""

from __future__ import annotations

from django import forms

from entregent.core.errors import ApplicationError


def add_application_error(form: forms.BaseForm, exc: ApplicationError) -> None:
    """Show a service's refusal on the form: on the named field when the form has it."""
    if not exc.errors:
        form.add_error(None, exc.message)
        return
    for field, messages in exc.errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message if target else f"{field}: {message}" if field != "__all__" else message)
