"""Form helpers shared by every app's web views."""

from __future__ import annotations

from django import forms

from entregent.core.errors import ApplicationError, field_message
from entregent.core.validators import single_line


def add_application_error(form: forms.BaseForm, exc: ApplicationError) -> None:
    """Show a service's refusal on the form: on the named field when the form has it."""
    if not exc.errors:
        form.add_error(None, exc.message)
        return
    for field, messages in exc.errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(
                target,
                message if target or field == "__all__" else field_message(field, message),
            )


def error_status(exc: ApplicationError) -> int:
    """The status a page answers when a service refuses a form: 404, 409 or else 422."""
    return exc.status if exc.status in {404, 409, 422} else 422


class SearchForm(forms.Form):
    """A search box read from the query string; refuses NUL and other control characters."""

    q = forms.CharField(required=False, max_length=200, validators=[single_line])

    def query(self) -> str:
        """The cleaned words, or "" when the box was empty or invalid."""
        if not self.is_bound or not self.is_valid():
            return ""
        return str(self.cleaned_data["q"]).strip()


def focus_first_error(form: forms.BaseForm) -> None:
    """Put the cursor on the first field with an error when the page comes back."""
    for name in form.fields:
        if name in form.errors:
            form.fields[name].widget.attrs["autofocus"] = True
            return
