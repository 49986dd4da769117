"""The backup page: download the whole account, or restore an archive into an empty one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from entregent.core.errors import ApplicationError
from entregent.exchange.backup import account_is_empty, restore
from entregent.exchange.backup_api import backup_response
from entregent.web.forms import add_application_error, error_status, focus_first_error
from entregent.web.requests import owner_of


class RestoreForm(forms.Form):
    """One archive file, as written by `entregent backup` or the download button."""

    archive = forms.FileField(
        label=gettext_lazy("Backup file"),
        help_text=gettext_lazy("A .json archive made by Entregent's backup."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )


def _page(
    request: HttpRequest, *, form: RestoreForm | None = None, status: int = 200
) -> HttpResponse:
    if form is not None:
        focus_first_error(form)
    context = {
        "form": form or RestoreForm(),
        "can_restore": account_is_empty(owner=owner_of(request)),
    }
    return render(request, "exchange/backup.html", context, status=status)


@require_GET
def backup_page_view(request: HttpRequest) -> HttpResponse:
    """Download a backup; restore one while the account is still empty."""
    return _page(request)


@require_GET
def backup_download_view(request: HttpRequest) -> StreamingHttpResponse:
    """The account's archive, streamed as a file download."""
    return backup_response(owner_of(request))


@require_http_methods(["POST"])
def restore_view(request: HttpRequest) -> HttpResponse:
    """Load an uploaded archive into the (empty) account: all or nothing."""
    form = RestoreForm(request.POST, request.FILES)
    status = 422
    if form.is_valid():
        try:
            result = restore(owner=owner_of(request), stream=form.cleaned_data["archive"])
        except ApplicationError as exc:
            add_application_error(form, exc)
            status = error_status(exc)
        else:
            messages.success(
                request,
                _("Backup restored: %(total)d rows, %(people)d people.")
                % {"total": result.total, "people": result.counts.get("people.person", 0)},
            )
            return redirect("people:list")
    return _page(request, form=form, status=status)
