"""Web pages for people and organizations: thin adapters over services and selectors.

Each view parses with a form, calls a service, and on ApplicationError shows the refusal on
the field it names (status 422, or 409 for a conflict). Lookups always pass the signed-in
user as owner, so another owner's ids are plain 404s.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from entregent.accounts.models import User
from entregent.core.errors import ApplicationError, InvalidInput
from entregent.people.forms import (
    ArchiveForm,
    ConnectionForm,
    FactForm,
    MilestoneForm,
    OrganizationForm,
    PersonFilterForm,
    PersonForm,
)
from entregent.people.models import Person
from entregent.people.selectors import (
    PersonFilters,
    connection_get,
    fact_get,
    facts_grouped,
    milestone_get,
    organization_find,
    organization_get,
    organization_list,
    organization_names,
    person_detail,
    person_find_by_name,
    person_get,
    person_list,
    search_is_capped,
    tag_names,
)
from entregent.people.services import (
    connection_create,
    connection_delete,
    fact_create,
    fact_delete,
    milestone_create,
    milestone_delete,
    organization_create,
    organization_delete,
    organization_update,
    person_archive,
    person_create,
    person_delete,
    person_update,
)
from entregent.web.forms import SearchForm, add_application_error, error_status, focus_first_error
from entregent.web.requests import is_htmx, owner_of

SUGGESTION_LIMIT = 10


def paginate(request: HttpRequest, items: QuerySet[Any]) -> Page:
    """One page of a list; a bad or out-of-range page number shows the nearest page."""
    return Paginator(items, settings.ENTREGENT_PAGE_SIZE).get_page(request.GET.get("page"))


def _person_by_name(
    owner: User, name: str, field: str, *, keep: Person | None = None
) -> Person | None:
    """Resolve a typed name to one of the owner's people; ambiguity and absence name the field."""
    name = name.strip()
    if not name:
        return None
    if keep is not None and keep.full_name.casefold() == name.casefold():
        return keep
    matches = person_find_by_name(owner=owner, name=name)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise InvalidInput.for_field(
            field, _("No one called “%(name)s” among your people.") % {"name": name[:80]}
        )
    raise InvalidInput.for_field(
        field,
        _("Several people match “%(name)s”: %(names)s. Write the full name.")
        % {"name": name[:80], "names": ", ".join(p.full_name for p in matches[:5])},
    )


# People list ---------------------------------------------------------------------------


@require_GET
def person_list_view(request: HttpRequest) -> HttpResponse:
    """The people list: search words, filters, pages; htmx asks for the rows only."""
    owner = owner_of(request)
    form = PersonFilterForm(request.GET or None)
    filters = PersonFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = PersonFilters(
            q=data["q"],
            tag=data["tag"].strip(),
            circle=data["circle"],
            channel=data["channel"],
            archived=data["archived"],
        )
        if data["organization"].strip():
            org = organization_find(owner=owner, name=data["organization"])
            # An unknown organization matches nobody rather than being ignored.
            filters.organization = org.pk if org is not None else -1
    page = paginate(request, person_list(owner=owner, filters=filters))
    context = {
        "form": form,
        "page": page,
        "people": page.object_list,
        "filters": filters,
        "capped": search_is_capped(query=filters.q, count=page.paginator.count),
    }
    status = 422 if form.is_bound and not form.is_valid() else 200
    if is_htmx(request):
        return render(request, "people/partials/person_rows.html", context, status=status)
    context["tag_options"] = tag_names(owner=owner)
    context["organization_options"] = organization_names(owner=owner)
    return render(request, "people/person_list.html", context, status=status)


@require_GET
def person_suggest(request: HttpRequest) -> HttpResponse:
    """Options for a name field's datalist, as the user types (htmx)."""
    query = ""
    for key in ("q", "to_person", "introduced_by"):
        query = request.GET.get(key, "").replace("\x00", "").strip()
        if query:
            break
    people: list[Person] = []
    if query:
        people = list(
            person_list(owner=owner_of(request), filters=PersonFilters(q=query[:200]))[
                :SUGGESTION_LIMIT
            ]
        )
    return render(request, "people/partials/person_options.html", {"people": people})


# Create, edit, archive, delete ---------------------------------------------------------


def _form_context(
    request: HttpRequest, form: PersonForm, person: Person | None = None
) -> dict[str, Any]:
    focus_first_error(form)
    return {
        "form": form,
        "person": person,
        "organization_options": organization_names(owner=owner_of(request)),
    }


@require_http_methods(["GET", "POST"])
def person_create_view(request: HttpRequest) -> HttpResponse:
    """Add a person."""
    owner = owner_of(request)
    if request.method != "POST":
        return render(request, "people/person_form.html", _form_context(request, PersonForm()))
    form = PersonForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            introducer = _person_by_name(owner, form.cleaned_data["introduced_by"], "introduced_by")
            person = person_create(
                owner=owner,
                introduced_by=introducer,
                **form.name_fields(editing=False),
                **form.service_fields(),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
            status = error_status(exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": person.full_name})
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", _form_context(request, form), status=status)


@require_http_methods(["GET", "POST"])
def person_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a person's details."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    initial = PersonForm.initial_for(person)
    if request.method != "POST":
        return render(
            request,
            "people/person_form.html",
            _form_context(request, PersonForm(initial=initial), person),
        )
    form = PersonForm(request.POST, initial=initial)
    status = 422
    if form.is_valid():
        keep = (
            person.introduced_by
            if form.cleaned_data["introduced_by_id"] == person.introduced_by_id
            else None
        )
        try:
            introducer = _person_by_name(
                owner, form.cleaned_data["introduced_by"], "introduced_by", keep=keep
            )
            person_update(
                person=person,
                introduced_by=introducer,
                **form.name_fields(editing=True),
                **form.service_fields(),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
            status = error_status(exc)
        else:
            messages.success(
                request, _("Changes to %(name)s were saved.") % {"name": person.full_name}
            )
            return redirect("people:detail", pk=person.pk)
    return render(
        request, "people/person_form.html", _form_context(request, form, person), status=status
    )


@require_POST
def person_archive_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a person (archived=1) or bring them back (archived=0)."""
    person = person_get(owner=owner_of(request), pk=pk)
    form = ArchiveForm(request.POST)
    archived = form.is_valid() and form.cleaned_data["archived"]
    person_archive(person=person, archived=archived)
    if archived:
        messages.success(request, _("%(name)s was archived.") % {"name": person.full_name})
    else:
        messages.success(
            request, _("%(name)s is back in your people.") % {"name": person.full_name}
        )
    return redirect("people:detail", pk=person.pk)


@require_http_methods(["GET", "POST"])
def person_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then delete a person for good."""
    person = person_get(owner=owner_of(request), pk=pk)
    if request.method == "POST":
        name = person.full_name
        person_delete(person=person)
        messages.success(request, _("%(name)s was deleted.") % {"name": name})
        return redirect("people:list")
    return render(request, "people/person_confirm_delete.html", {"person": person})


# Person page ---------------------------------------------------------------------------


def _detail_response(
    request: HttpRequest,
    pk: int,
    *,
    fact_form: FactForm | None = None,
    connection_form: ConnectionForm | None = None,
    milestone_form: MilestoneForm | None = None,
    status: int = 200,
) -> HttpResponse:
    detail = person_detail(owner=owner_of(request), pk=pk)
    for form in (fact_form, connection_form, milestone_form):
        if form is not None:
            focus_first_error(form)
    context = {
        "detail": detail,
        "person": detail.person,
        "fact_form": fact_form or FactForm(),
        "fact_add_url": reverse("people:fact_add", args=[detail.person.pk]),
        "facts_by_kind": detail.facts_by_kind,
        "connection_form": connection_form or ConnectionForm(),
        "milestone_form": milestone_form or MilestoneForm(),
        "archive_form_value": "false" if detail.person.archived else "true",
    }
    return render(request, "people/person_detail.html", context, status=status)


@require_GET
def person_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A person at a glance: who they are, facts, encounters, connections, milestones."""
    return _detail_response(request, pk)


def facts_response(
    request: HttpRequest,
    *,
    person: Person | None,
    form: FactForm,
    status: int = 200,
    added: bool = False,
) -> HttpResponse:
    """The facts block alone, for htmx: after an add or a delete, or with the form's errors."""
    owner = owner_of(request)
    add_url = reverse("people:fact_add", args=[person.pk]) if person else reverse("web:me_fact_add")
    if added or status != 200:
        # The block is replaced: put the cursor back where the next fact is typed.
        form.fields["text"].widget.attrs["autofocus"] = True
    context = {
        "facts_by_kind": facts_grouped(owner=owner, person=person),
        "fact_form": form,
        "fact_add_url": add_url,
        "facts_person": person,
    }
    return render(request, "people/partials/facts.html", context, status=status)


@require_POST
def fact_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a fact about a person."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    form = FactForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            fact_create(
                owner=owner,
                person=person,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
            status = error_status(exc)
        else:
            if is_htmx(request):
                return facts_response(
                    request,
                    person=person,
                    form=FactForm(initial={"kind": form.cleaned_data["kind"]}),
                    added=True,
                )
            messages.success(request, _("Fact saved."))
            return HttpResponseRedirect(reverse("people:detail", args=[person.pk]) + "#facts")
    if is_htmx(request):
        return facts_response(request, person=person, form=form, status=status)
    return _detail_response(request, person.pk, fact_form=form, status=status)


@require_POST
def fact_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Forget a fact, about a person or about me."""
    fact = fact_get(owner=owner_of(request), pk=pk)
    person = fact.person
    fact_delete(fact=fact)
    if is_htmx(request):
        return facts_response(request, person=person, form=FactForm())
    messages.success(request, _("Fact deleted."))
    if person is None:
        return HttpResponseRedirect(reverse("web:me") + "#facts")
    return HttpResponseRedirect(reverse("people:detail", args=[person.pk]) + "#facts")


@require_POST
def connection_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that this person knows another one."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    form = ConnectionForm(request.POST)
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        try:
            other = _person_by_name(owner, data["to_person"], "to_person")
            if other is None:
                raise InvalidInput.for_field(
                    "to_person", _("Write the name of one of your people.")
                )
            connection_create(
                owner=owner,
                from_person=person,
                to_person=other,
                kind=data["kind"],
                note=data["note"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
            status = error_status(exc)
        else:
            messages.success(request, _("Connection saved."))
            return HttpResponseRedirect(reverse("people:detail", args=[person.pk]) + "#connections")
    return _detail_response(request, person.pk, connection_form=form, status=status)


@require_POST
def connection_delete_view(request: HttpRequest, pk: int, connection_pk: int) -> HttpResponse:
    """Remove a connection shown on this person's page."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    connection = connection_get(owner=owner, pk=connection_pk)
    if person.pk not in {connection.from_person_id, connection.to_person_id}:
        raise InvalidInput(_("This connection is not about this person."))
    connection_delete(connection=connection)
    messages.success(request, _("Connection removed."))
    return HttpResponseRedirect(reverse("people:detail", args=[person.pk]) + "#connections")


@require_POST
def milestone_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a date for this person."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    form = MilestoneForm(request.POST)
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        try:
            milestone_create(
                owner=owner,
                person=person,
                kind=data["kind"],
                date=data["date"],
                yearly=form.yearly_value(),
                note=data["note"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
            status = error_status(exc)
        else:
            messages.success(request, _("Milestone saved."))
            return HttpResponseRedirect(reverse("people:detail", args=[person.pk]) + "#milestones")
    return _detail_response(request, person.pk, milestone_form=form, status=status)


@require_POST
def milestone_delete_view(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    """Remove one of this person's milestones."""
    owner = owner_of(request)
    person = person_get(owner=owner, pk=pk)
    milestone = milestone_get(owner=owner, pk=milestone_pk)
    if milestone.person_id != person.pk:
        raise InvalidInput(_("This milestone is not about this person."))
    milestone_delete(milestone=milestone)
    messages.success(request, _("Milestone removed."))
    return HttpResponseRedirect(reverse("people:detail", args=[person.pk]) + "#milestones")


# Organizations -------------------------------------------------------------------------


@require_GET
def organization_list_view(request: HttpRequest) -> HttpResponse:
    """Organizations with how many people each has."""
    form = SearchForm(request.GET)
    q = form.query()
    page = paginate(request, organization_list(owner=owner_of(request), q=q))
    context = {"page": page, "q": q, "form": form}
    return render(
        request, "people/organization_list.html", context, status=200 if form.is_valid() else 422
    )


@require_http_methods(["GET", "POST"])
def organization_create_view(request: HttpRequest) -> HttpResponse:
    """Add an organization."""
    if request.method != "POST":
        return render(request, "people/organization_form.html", {"form": OrganizationForm()})
    form = OrganizationForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            org = organization_create(owner=owner_of(request), **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
            status = error_status(exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": org.name})
            return redirect("people:organization_detail", pk=org.pk)
    focus_first_error(form)
    return render(request, "people/organization_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def organization_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an organization."""
    org = organization_get(owner=owner_of(request), pk=pk)
    initial = {"name": org.name, "domain": org.domain, "industry": org.industry, "notes": org.notes}
    if request.method != "POST":
        return render(
            request,
            "people/organization_form.html",
            {"form": OrganizationForm(initial=initial), "organization": org},
        )
    form = OrganizationForm(request.POST, initial=initial)
    status = 422
    if form.is_valid():
        try:
            organization_update(organization=org, **form.cleaned_data)
        except ApplicationError as exc:
            add_application_error(form, exc)
            status = error_status(exc)
        else:
            messages.success(request, _("Changes to %(name)s were saved.") % {"name": org.name})
            return redirect("people:organization_detail", pk=org.pk)
    focus_first_error(form)
    return render(
        request, "people/organization_form.html", {"form": form, "organization": org}, status=status
    )


@require_GET
def organization_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An organization and the people who work there."""
    owner = owner_of(request)
    org = organization_get(owner=owner, pk=pk)
    page = paginate(request, person_list(owner=owner, filters=PersonFilters(organization=org.pk)))
    return render(request, "people/organization_detail.html", {"organization": org, "page": page})


@require_http_methods(["GET", "POST"])
def organization_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then delete an organization; its people stay."""
    org = organization_get(owner=owner_of(request), pk=pk)
    if request.method == "POST":
        name = org.name
        organization_delete(organization=org)
        messages.success(request, _("%(name)s was deleted.") % {"name": name})
        return redirect("people:organization_list")
    return render(request, "people/organization_confirm_delete.html", {"organization": org})
