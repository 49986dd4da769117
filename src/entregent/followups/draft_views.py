"""Draft pages: the message for a follow-up, editable, to copy, open in the mail app
(`mailto:`) or download as an .eml file. Nothing is ever sent from here."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods

from entregent.core.errors import ApplicationError
from entregent.core.validators import multi_line, single_line
from entregent.followups.choices import FollowUpKind
from entregent.followups.draft_selectors import Draft, draft_for_followup, draft_for_person
from entregent.followups.draft_services import draft_discard, draft_save
from entregent.followups.selectors import followup_get
from entregent.followups.services import agenda_item_followup
from entregent.people.selectors import person_get
from entregent.web.forms import add_application_error, error_status
from entregent.web.requests import owner_of

# The Today items no follow-up stands behind yet.
PERSON_KINDS = (FollowUpKind.CHECK_IN.value, FollowUpKind.CONGRATULATE.value)


class DraftForm(forms.Form):
    """The user's version of a follow-up's draft."""

    subject = forms.CharField(label=_l("Subject"), max_length=200, validators=[single_line])
    body = forms.CharField(
        label=_l("Message"),
        max_length=5000,
        strip=False,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": 14}),
    )


def _page(
    request: HttpRequest, draft: Draft, form: DraftForm | None = None, *, status: int = 200
) -> HttpResponse:
    if draft.followup is not None:
        eml_url = reverse("followups:draft_eml", args=[draft.followup.pk])
    else:
        eml_url = reverse("followups:person_draft_eml", args=[draft.person.pk])
        eml_url += f"?kind={draft.kind}"
    context = {
        "draft": draft,
        "form": form or DraftForm(initial={"subject": draft.subject, "body": draft.body}),
        "eml_url": eml_url,
        "kind_label": FollowUpKind(draft.kind).label,
    }
    return render(request, "followups/draft.html", context, status=status)


def _eml_response(draft: Draft) -> HttpResponse:
    response = HttpResponse(draft.eml(), content_type="message/rfc822")
    name = slugify(draft.person.full_name) or "draft"
    response["Content-Disposition"] = f'attachment; filename="draft-{name}.eml"'
    return response


def _kind(request: HttpRequest) -> str:
    kind = request.GET.get("kind", "") or FollowUpKind.CHECK_IN.value
    return kind if kind in PERSON_KINDS else FollowUpKind.CHECK_IN.value


@require_http_methods(["GET", "POST"])
def draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A follow-up's draft: edit and save it, or regenerate it (which discards the edit)."""
    owner = owner_of(request)
    followup = followup_get(owner=owner, pk=pk)
    if request.method == "POST":
        if request.POST.get("action") == "regenerate":
            draft_discard(followup=followup)
            messages.success(request, _("The draft was written again from what you know now."))
            return redirect("followups:draft", pk=followup.pk)
        form = DraftForm(request.POST)
        if form.is_valid():
            try:
                draft_save(followup=followup, **form.cleaned_data)
            except ApplicationError as exc:
                add_application_error(form, exc)
                followup.refresh_from_db()
                draft = draft_for_followup(owner=owner, followup=followup)
                return _page(request, draft, form, status=error_status(exc))
            messages.success(request, _("Draft saved. Nothing has been sent."))
            return redirect("followups:draft", pk=followup.pk)
        return _page(request, draft_for_followup(owner=owner, followup=followup), form, status=422)
    return _page(request, draft_for_followup(owner=owner, followup=followup))


@require_GET
def draft_eml(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft as an .eml file to open in a mail app and send from there."""
    owner = owner_of(request)
    return _eml_response(draft_for_followup(owner=owner, followup=followup_get(owner=owner, pk=pk)))


@require_http_methods(["GET", "POST"])
def person_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft of a Today check-in or congratulation (`?kind=`): saving it records the
    follow-up behind the item, like acting on it from Today does."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    kind = _kind(request)
    if request.method == "POST":
        form = DraftForm(request.POST)
        if form.is_valid():
            try:
                # Both or neither: no follow-up is left behind by an edit that was refused.
                with transaction.atomic():
                    followup = agenda_item_followup(owner=owner, person=person, kind=kind)
                    draft_save(followup=followup, **form.cleaned_data)
            except ApplicationError as exc:
                add_application_error(form, exc)
                draft = draft_for_person(owner=owner, person=person, kind=kind)
                return _page(request, draft, form, status=error_status(exc))
            messages.success(request, _("Draft saved. Nothing has been sent."))
            return redirect("followups:draft", pk=followup.pk)
        draft = draft_for_person(owner=owner, person=person, kind=kind)
        return _page(request, draft, form, status=422)
    return _page(request, draft_for_person(owner=owner, person=person, kind=kind))


@require_GET
def person_draft_eml(request: HttpRequest, pk: int) -> HttpResponse:
    """The .eml file of a Today check-in's or congratulation's draft."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    return _eml_response(draft_for_person(owner=owner, person=person, kind=_kind(request)))
