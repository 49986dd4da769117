"""API routes of imports and export.

`POST /imports` (multipart: `file`, and optionally `format`, `mapping` as a JSON object of
column → field, `skip_duplicates`) stores the file and starts its preview in the background;
`GET /imports/{import_id}` is polled until the preview is ready; `POST
/imports/{import_id}/commit` imports it (all or nothing); `GET /export` streams vCard or CSV.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile

from entregent.core.api import ObjectId, owner_of, responses
from entregent.core.errors import InvalidInput
from entregent.exchange.models import ImportJob
from entregent.exchange.selectors import export_stream, import_job_get
from entregent.exchange.services import (
    import_job_create,
    import_job_mark_stalled,
    import_job_progress,
    import_job_start,
)

router = Router(tags=["imports"])


class ImportCounts(Schema):
    new: int
    updated: int
    unchanged: int
    duplicates: int
    skipped: int


class ImportProgress(Schema):
    bytes: int
    total: int
    records: int
    percent: int


class ImportJobOut(Schema):
    """An import: its state, progress, and the preview (or, once committed, the result)."""

    id: int
    status: str
    format: str
    detected_format: str
    original_name: str
    size: int
    mapping: dict[str, str]
    skip_duplicates: bool
    progress: ImportProgress
    counts: ImportCounts
    preview: dict[str, Any]
    result: dict[str, Any]
    error: str
    error_line: int | None
    created: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


def job_json(job: ImportJob) -> dict[str, Any]:
    """An import job as the API and the CLI show it."""
    progress = import_job_progress(job=job)
    return {
        "id": job.pk,
        "status": job.status,
        "format": job.format,
        "detected_format": job.detected_format,
        "original_name": job.original_name,
        "size": job.size,
        "mapping": job.mapping,
        "skip_duplicates": job.skip_duplicates,
        "progress": {
            k: int(progress.get(k) or 0) for k in ("bytes", "total", "records", "percent")
        },
        "counts": {
            "new": job.count_new,
            "updated": job.count_updated,
            "unchanged": job.count_unchanged,
            "duplicates": job.count_duplicates,
            "skipped": job.count_skipped,
        },
        "preview": job.preview,
        "result": job.result,
        "error": job.error,
        "error_line": job.error_line,
        "created": job.created,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    }


def parse_mapping_json(text: str) -> dict[str, str]:
    """The `mapping` form field: a JSON object of column header → field name."""
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InvalidInput.for_field(
            "mapping", _("Give a JSON object of column names to field names.")
        )
    return value


@router.post(
    "/imports",
    response=responses({202: ImportJobOut}, body=True, unsafe=True, params=False),
)
def imports_create(
    request: HttpRequest,
    file: File[UploadedFile],
    format: Form[str] = "",
    mapping: Form[str] = "",
    skip_duplicates: Form[bool] = False,
) -> object:
    """Upload a vCard or CSV file (multipart field `file`); its preview starts at once.

    The format is detected unless given (vcard, linkedin, google, google_legacy, outlook,
    outlook_express, entregent, generic); a generic CSV takes `mapping`. Poll the job until
    its status is `previewed` (or `failed`, with the error and its line).
    """
    owner = owner_of(request)
    job = import_job_create(
        owner=owner,
        chunks=file.chunks(),
        original_name=file.name or "",
        fmt=format.strip(),
        mapping=parse_mapping_json(mapping),
        skip_duplicates=skip_duplicates,
    )
    job = import_job_start(job=job, action="preview")
    return Status(202, job_json(job))


@router.get("/imports/{import_id}", response=responses({200: ImportJobOut}, lookup=True))
def imports_get(request: HttpRequest, import_id: ObjectId) -> object:
    """An import's state and progress; once previewed, what committing it would do."""
    job = import_job_get(owner=owner_of(request), pk=import_id)
    return job_json(import_job_mark_stalled(job=job))


@router.post(
    "/imports/{import_id}/commit",
    response=responses({202: ImportJobOut}, unsafe=True, lookup=True, conflict=True),
)
def imports_commit(request: HttpRequest, import_id: ObjectId) -> object:
    """Import a previewed file for real, in the background: all of it or nothing (409 when
    the import is not previewed, or already committed)."""
    job = import_job_get(owner=owner_of(request), pk=import_id)
    job = import_job_start(job=job, action="commit")
    return Status(202, job_json(job))


class ExportQuery(Schema):
    format: Literal["vcard4", "vcard3", "csv"] = "vcard4"
    tag: str = ""
    q: str = ""


def export_response(chunks: Any, content_type: str, filename: str) -> StreamingHttpResponse:
    """A streamed download (the web page and the API share it)."""
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@router.get("/export", response=responses({200: str}))
def export_get(request: HttpRequest, query: Query[ExportQuery]) -> object:
    """People as vCard 4.0, vCard 3.0 or CSV, all of them or those with a tag / a search,
    streamed."""
    chunks, content_type, filename = export_stream(
        owner=owner_of(request), fmt=query.format, tag=query.tag, q=query.q
    )
    return export_response(chunks, content_type, filename)
