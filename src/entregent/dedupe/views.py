"""Duplicate pages: the likely pairs, a side-by-side review to merge or dismiss, and the
merge history with Undo. Thin adapters over the dedupe selectors and services."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entregent.core.errors import ApplicationError, NotFound
from entregent.dedupe.forms import MergeForm
from entregent.dedupe.selectors import (
    candidate_rows,
    duplicate_candidates,
    merge_get,
    merge_list,
    merge_preview,
    pair_candidate,
    person_summary,
    reason_text,
)
from entregent.dedupe.services import duplicate_dismiss, merge_undo, person_merge
from entregent.people.selectors import person_get
from entregent.people.views import paginate
from entregent.web.forms import add_application_error
from entregent.web.requests import owner_of


@require_GET
def duplicate_list(request: HttpRequest) -> HttpResponse:
    """Likely duplicate pairs, best first, with their score and reasons."""
    owner = owner_of(request)
    found = duplicate_candidates(owner=owner).candidates
    page = Paginator(found, settings.ENTREGENT_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = candidate_rows(owner=owner, candidates=list(page.object_list))
    return render(request, "dedupe/duplicate_list.html", {"page": page, "rows": rows})


@require_http_methods(["GET", "POST"])
def duplicate_review(request: HttpRequest, pk: int, other_pk: int) -> HttpResponse:
    """Two people side by side: choose, field by field, what the survivor (A) keeps."""
    owner = owner_of(request)
    survivor = person_get(owner=owner, pk=pk)
    other = person_get(owner=owner, pk=other_pk)
    if survivor.pk == other.pk:
        raise NotFound(_("Not found."))
    preview = merge_preview(survivor=survivor, other=other)
    form = MergeForm(request.POST or None, preview=preview)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                merge = person_merge(
                    owner=owner, survivor=survivor, other=other, choices=form.choices()
                )
            except ApplicationError as exc:
                if exc.status == 404:
                    raise
                add_application_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Merged %(other)s into %(survivor)s. You can undo it from the merge history.")
                    % {"other": merge.other_name, "survivor": merge.survivor_name},
                )
                return HttpResponseRedirect(reverse("people:detail", args=[survivor.pk]))
        status = 422
    candidate = pair_candidate(owner=owner, first=survivor, second=other)
    context = {
        "survivor": survivor,
        "other": other,
        "form": form,
        "score": round(candidate.score * 100),
        "reasons": [reason_text(r) for r in candidate.reasons],
        "survivor_counts": person_summary(person=survivor),
        "other_counts": person_summary(person=other),
    }
    return render(request, "dedupe/review.html", context, status=status)


@require_POST
def duplicate_ignore(request: HttpRequest, pk: int, other_pk: int) -> HttpResponse:
    """Not a duplicate: the pair is not proposed again."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    other = person_get(owner=owner, pk=other_pk)
    try:
        duplicate_dismiss(owner=owner, person=person, other=other)
    except ApplicationError as exc:
        if exc.status == 404:
            raise
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(a)s and %(b)s will not be proposed as duplicates again.")
            % {"a": person.full_name, "b": other.full_name},
        )
    return HttpResponseRedirect(reverse("dedupe:list"))


@require_GET
def merge_history(request: HttpRequest) -> HttpResponse:
    """Every merge, newest first, with Undo on those still in force."""
    page = paginate(request, merge_list(owner=owner_of(request)))
    return render(request, "dedupe/merge_history.html", {"page": page})


@require_POST
def merge_undo_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a merge; a refusal (already undone, merged again since) is said plainly."""
    merge = merge_get(owner=owner_of(request), pk=pk)
    try:
        merge_undo(merge=merge)
    except ApplicationError as exc:
        if exc.status == 404:
            raise
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Undone: %(other)s and %(survivor)s are two people again.")
            % {"other": merge.other_name, "survivor": merge.survivor_name},
        )
    return HttpResponseRedirect(reverse("dedupe:merges"))
