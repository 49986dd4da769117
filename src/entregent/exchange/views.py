"""The "Import & export" pages: upload, preview, commit with progress, and downloads.

An upload opens an import job whose preview runs in the background; the job's page polls
its progress with htmx (a `<progress>` bar) and shows the preview when it is ready: the
detected format (changeable), for a generic CSV a column mapping prefilled with
suggestions, the counts, samples and every skipped record with its line. Committing runs
in the background too, all or nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from entregent.core.errors import ApplicationError, InvalidInput
from entregent.exchange.choices import ImportFormat, ImportStatus
from entregent.exchange.detect import csv_headers
from entregent.exchange.forms import ExportForm, OptionsForm, UploadForm
from entregent.exchange.import_api import export_response
from entregent.exchange.models import ImportJob
from entregent.exchange.selectors import export_stream, import_job_get, import_job_list
from entregent.exchange.services import (
    import_job_create,
    import_job_delete,
    import_job_mark_stalled,
    import_job_progress,
    import_job_start,
    import_job_update,
    job_path,
)
from entregent.people.selectors import tag_names
from entregent.web.forms import add_application_error, error_status, focus_first_error
from entregent.web.requests import is_htmx, owner_of

RUNNING = {ImportStatus.QUEUED, ImportStatus.PREVIEWING, ImportStatus.IMPORTING}
RECENT_JOBS = 10


def _index(
    request: HttpRequest, *, form: UploadForm | None = None, status: int = 200
) -> HttpResponse:
    owner = owner_of(request)
    if form is not None:
        focus_first_error(form)
    context = {
        "form": form or UploadForm(),
        "export_form": ExportForm(initial={"format": "vcard4"}),
        "jobs": list(import_job_list(owner=owner)[:RECENT_JOBS]),
        "tags": tag_names(owner=owner, limit=200),
    }
    return render(request, "exchange/index.html", context, status=status)


@require_GET
def exchange_index(request: HttpRequest) -> HttpResponse:
    """Import a file, export people, and the way to backup and duplicates."""
    return _index(request)


@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    """Store the uploaded file and start its preview; then show the job."""
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _index(request, form=form, status=422)
    upload = form.cleaned_data["file"]
    try:
        job = import_job_create(
            owner=owner_of(request),
            chunks=upload.chunks(),
            original_name=upload.name or "",
            fmt=form.cleaned_data["format"] or "",
            skip_duplicates=form.cleaned_data["skip_duplicates"],
        )
        import_job_start(job=job, action="preview")
    except ApplicationError as exc:
        add_application_error(form, exc)
        return _index(request, form=form, status=error_status(exc))
    return redirect("exchange:import_detail", pk=job.pk)


def _headers(job: ImportJob) -> list[str]:
    if job.format == ImportFormat.VCARD or job.status == ImportStatus.DONE:
        return []
    try:
        with job_path(job).open("rb") as stream:
            return csv_headers(stream)
    except OSError:
        return []


def _options_form(job: ImportJob, data: QueryDict | None = None) -> OptionsForm:
    headers = _headers(job) if job.format == ImportFormat.CSV else []
    mapping = job.mapping
    if headers and not mapping:
        from entregent.exchange.csv_formats import suggest_mapping

        mapping = suggest_mapping(headers)
    return OptionsForm(
        data,
        headers=headers,
        mapping=mapping,
        initial={"format": job.format, "skip_duplicates": job.skip_duplicates},
    )


def _detail(
    request: HttpRequest, job: ImportJob, *, form: OptionsForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "job": job,
        "running": job.status in RUNNING,
        "progress": import_job_progress(job=job),
        "options": form or _options_form(job),
        "report": job.result if job.status == ImportStatus.DONE else job.preview,
        "format_label": ImportFormat(job.format).label if job.format in ImportFormat.values else "",
        "detected_label": (
            ImportFormat(job.detected_format).label
            if job.detected_format in ImportFormat.values
            else ""
        ),
    }
    return render(request, "exchange/import_detail.html", context, status=status)


@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One import: its progress, then its preview (and commit), then its result."""
    job = import_job_mark_stalled(job=import_job_get(owner=owner_of(request), pk=pk))
    return _detail(request, job)


@require_GET
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled by htmx; once the job stops running, the page reloads."""
    job = import_job_mark_stalled(job=import_job_get(owner=owner_of(request), pk=pk))
    if job.status not in RUNNING:
        if is_htmx(request):
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return redirect("exchange:import_detail", pk=job.pk)
    context = {"job": job, "progress": import_job_progress(job=job), "running": True}
    return render(request, "exchange/partials/progress.html", context)


@require_POST
def import_options(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the file again with another format or column mapping."""
    job = import_job_get(owner=owner_of(request), pk=pk)
    form = _options_form(job, request.POST)
    if not form.is_valid():
        focus_first_error(form)
        return _detail(request, job, form=form, status=422)
    fmt = form.cleaned_data["format"]
    mapping = form.mapping() if fmt == ImportFormat.CSV and fmt == job.format else {}
    try:
        import_job_update(
            job=job,
            fmt=fmt,
            mapping=mapping,
            skip_duplicates=form.cleaned_data["skip_duplicates"],
        )
        import_job_start(job=job, action="preview")
    except ApplicationError as exc:
        add_application_error(form, exc)
        return _detail(request, job, form=form, status=error_status(exc))
    return redirect("exchange:import_detail", pk=job.pk)


@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    """Import the previewed file, in the background: all of it or nothing."""
    job = import_job_get(owner=owner_of(request), pk=pk)
    try:
        import_job_start(job=job, action="commit")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("exchange:import_detail", pk=job.pk)


@require_POST
def import_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Forget an import and its file (people already imported stay)."""
    job = import_job_get(owner=owner_of(request), pk=pk)
    try:
        import_job_delete(job=job)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("exchange:import_detail", pk=job.pk)
    messages.success(request, _("The import was removed."))
    return redirect("exchange:index")


@require_GET
def export_download(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """People as vCard or CSV, as a download."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        first = next(iter(form.errors.items()))
        messages.error(request, str(InvalidInput.for_field(first[0], str(first[1][0]))))
        return redirect("exchange:index")
    chunks, content_type, filename = export_stream(
        owner=owner_of(request),
        fmt=form.cleaned_data["format"],
        tag=form.cleaned_data["tag"],
        q=form.cleaned_data["q"],
    )
    return export_response(chunks, content_type, filename)
