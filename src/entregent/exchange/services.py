"""Services of the exchange app: import jobs (upload, preview, commit) and file imports.

An import job keeps its file in the data directory (`<DATA_DIR>/imports/<owner>/…`),
streamed there in chunks, never whole in memory nor in the database. Previewing and
committing both run `importer.import_records` over the file: a preview rolls back, a
commit keeps everything, in one transaction. Progress is written to a small file beside
the upload, because rows written inside the import's transaction are invisible to the page
that polls.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entregent.accounts.models import User
from entregent.core.errors import ApplicationError, Conflict, InvalidInput
from entregent.core.services import ensure_choice
from entregent.exchange.choices import ImportFormat, ImportStatus
from entregent.exchange.detect import detect_format
from entregent.exchange.importer import ImportReport, Progress, import_records
from entregent.exchange.models import ImportJob
from entregent.exchange.records import ContactRecord, FormatError, SkippedRecord

UPLOAD_CHUNK = 1024 * 1024

RecordSource = Callable[[BinaryIO], Iterable[ContactRecord | SkippedRecord]]


def max_upload_bytes() -> int:
    """The largest file an import takes (ENTREGENT_IMPORT_MAX_MB, 512 MB by default)."""
    return int(getattr(settings, "ENTREGENT_IMPORT_MAX_MB", 512)) * 1024 * 1024


def imports_dir(owner: User) -> Path:
    path = Path(settings.DATA_DIR) / "imports" / str(owner.pk)
    path.mkdir(parents=True, exist_ok=True)
    return path


def job_path(job: ImportJob) -> Path:
    return Path(settings.DATA_DIR) / "imports" / str(job.owner_id) / job.file_name


def source_format_of(fmt: str) -> str:
    """How kept fields of this format are labelled: "vcard", or "csv" for every CSV layout."""
    return "vcard" if fmt == ImportFormat.VCARD else "csv"


def open_records(
    stream: BinaryIO, *, fmt: str, mapping: dict[str, str] | None = None
) -> Iterator[ContactRecord | SkippedRecord]:
    """The records of a file, read by the reader of its format."""
    if fmt == ImportFormat.VCARD:
        from entregent.exchange.vcard import read_vcards

        return iter(read_vcards(stream))
    from entregent.exchange.csv_formats import read_csv

    return iter(read_csv(stream, layout=fmt, mapping=mapping or None))


def _check_format(fmt: str, mapping: dict[str, str] | None) -> None:
    ensure_choice(fmt, ImportFormat, "format")
    if mapping:
        for column, target in mapping.items():
            if not isinstance(column, str) or not isinstance(target, str):
                raise InvalidInput.for_field("mapping", _("Map column names to field names."))
            if target != "ignore" and target not in _record_fields():
                raise InvalidInput.for_field(
                    "mapping",
                    _("“%(field)s” is not a field people can be imported into.")
                    % {"field": target[:40]},
                )


def _record_fields() -> set[str]:
    from dataclasses import fields

    skip = {"line", "kept", "birthday_month_day"}
    return {f.name for f in fields(ContactRecord) if f.name not in skip}


# Reading a whole file (the CLI, and the job's steps) -------------------------------------


class _Counting:
    """A binary file that reports how far it has been read, for progress bars."""

    def __init__(self, stream: BinaryIO, report: Callable[[int], None] | None):
        self._stream = stream
        self._report = report

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._stream)

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if self._report is not None:
            self._report(self._stream.tell())
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self._stream.readline(size)
        if self._report is not None:
            self._report(self._stream.tell())
        return data


def import_file(
    *,
    owner: User,
    path: Path,
    fmt: str = "",
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    skip_duplicates: bool = False,
    on_bytes: Callable[[int], None] | None = None,
    on_records: Progress | None = None,
    reader: RecordSource | None = None,
) -> tuple[str, ImportReport]:
    """Import (or, with `dry_run`, preview) a file on disk; returns (format, report).

    `fmt` empty means detected. `reader` replaces the format's reader (tests).
    """
    try:
        stream: BinaryIO = path.open("rb")
    except OSError as exc:
        raise InvalidInput.for_field(
            "file", _("Cannot open the file: %(error)s") % {"error": exc.strerror or str(exc)}
        ) from None
    with stream:
        fmt = fmt or detect_format(stream)
        _check_format(fmt, mapping)
        stream.seek(0)
        counted: Any = _Counting(stream, on_bytes)
        try:
            records = reader(counted) if reader else open_records(counted, fmt=fmt, mapping=mapping)
        except FormatError as exc:
            records = _raising(exc)
        report = import_records(
            owner=owner,
            records=records,
            source_format=source_format_of(fmt),
            dry_run=dry_run,
            skip_duplicates=skip_duplicates,
            progress=on_records,
        )
    return fmt, report


def _raising(exc: FormatError) -> Iterator[ContactRecord]:
    raise exc
    yield  # pragma: no cover


# Jobs ------------------------------------------------------------------------------------


@transaction.atomic
def import_job_create(
    *,
    owner: User,
    chunks: Iterable[bytes],
    original_name: str = "",
    fmt: str = "",
    mapping: dict[str, str] | None = None,
    skip_duplicates: bool = False,
) -> ImportJob:
    """Store an uploaded file (streamed, size-limited) and open an import job for it.

    The format is detected unless `fmt` is given.
    """
    name = f"{uuid.uuid4().hex}.upload"
    path = imports_dir(owner) / name
    limit = max_upload_bytes()
    size = 0
    try:
        with path.open("wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise InvalidInput.for_field(
                        "file",
                        _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)},
                    )
                out.write(chunk)
        if size == 0:
            raise InvalidInput.for_field("file", _("The file is empty."))
        with path.open("rb") as stream:
            detected = detect_format(stream)
        fmt = fmt or detected
        _check_format(fmt, mapping)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return ImportJob.objects.create(
        owner=owner,
        file_name=name,
        original_name=" ".join(original_name.split())[:255],
        size=size,
        format=fmt,
        detected_format=detected,
        mapping=mapping or {},
        skip_duplicates=skip_duplicates,
    )


@transaction.atomic
def import_job_update(
    *,
    job: ImportJob,
    fmt: str | None = None,
    mapping: dict[str, str] | None = None,
    skip_duplicates: bool | None = None,
) -> ImportJob:
    """Change how a job reads its file (format, mapping); its preview must be made again."""
    if job.status in {ImportStatus.IMPORTING, ImportStatus.DONE}:
        raise Conflict(_("This import has already been committed."))
    new_fmt = job.format if fmt is None else fmt
    new_mapping = job.mapping if mapping is None else mapping
    _check_format(new_fmt, new_mapping)
    job.format = new_fmt
    job.mapping = new_mapping
    if skip_duplicates is not None:
        job.skip_duplicates = skip_duplicates
    job.status = ImportStatus.QUEUED
    job.preview = {}
    job.error = ""
    job.error_line = None
    job.save()
    return job


def progress_path(job: ImportJob) -> Path:
    return job_path(job).with_suffix(".progress")


def _write_progress(job: ImportJob, data: dict[str, Any]) -> None:
    path = progress_path(job)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data))
    tmp.replace(path)


def import_job_progress(*, job: ImportJob) -> dict[str, Any]:
    """How far a running job is: {"bytes", "total", "records", "percent"}."""
    data: dict[str, Any] = {"bytes": 0, "total": job.size, "records": 0}
    with suppress(OSError, ValueError):
        data.update(json.loads(progress_path(job).read_text()))
    if job.status in {ImportStatus.PREVIEWED, ImportStatus.DONE}:
        data["bytes"] = job.size
    total = max(int(data.get("total") or 0), 1)
    data["percent"] = min(100, int(100 * int(data.get("bytes") or 0) / total))
    return data


def import_job_mark_stalled(*, job: ImportJob) -> ImportJob:
    """Fail a running job whose worker stopped (killed, crashed, machine restarted).

    A running job writes its progress at least every percent; one that has not moved for
    ENTREGENT_IMPORT_STALLED_MINUTES never will. Its transaction died with the worker, so
    nothing was written: the job says so and can be started again.
    """
    if job.status not in {ImportStatus.PREVIEWING, ImportStatus.IMPORTING}:
        return job
    last = job.started_at or job.updated
    with suppress(OSError):
        moved = dt.datetime.fromtimestamp(progress_path(job).stat().st_mtime, tz=dt.UTC)
        last = max(last, moved)
    if timezone.now() - last < dt.timedelta(minutes=settings.ENTREGENT_IMPORT_STALLED_MINUTES):
        return job
    stopped = ImportJob.objects.filter(pk=job.pk, status=job.status).update(
        status=ImportStatus.FAILED,
        error=_(
            "The import stopped before the end (its worker was interrupted); nothing was "
            "written. Start it again."
        ),
        finished_at=timezone.now(),
    )
    if stopped:
        progress_path(job).unlink(missing_ok=True)
    job.refresh_from_db()
    return job


@contextmanager
def _progress_file(job: ImportJob) -> Iterator[tuple[Callable[[int], None], Progress]]:
    state = {"bytes": 0, "total": job.size, "records": 0}
    last = {"bytes": -1}

    def on_bytes(position: int) -> None:
        state["bytes"] = position
        # About every percent, not on every read.
        if position - last["bytes"] >= max(job.size // 100, 64 * 1024):
            last["bytes"] = position
            _write_progress(job, state)

    def on_records(count: int) -> None:
        state["records"] = count
        _write_progress(job, state)

    _write_progress(job, state)
    try:
        yield on_bytes, on_records
    except BaseException:
        progress_path(job).unlink(missing_ok=True)
        raise
    # On success the file stays until the job's new status is saved: removed earlier, the
    # bar would fall back to 0% between the end of the reading and the result.


def _set_status(job: ImportJob, status: str, **fields: Any) -> None:
    job.status = status
    for name, value in fields.items():
        setattr(job, name, value)
    job.save()


def _counts(report: ImportReport) -> dict[str, int]:
    return {
        "count_new": report.new,
        "count_updated": report.updated,
        "count_unchanged": report.unchanged,
        "count_duplicates": report.duplicates,
        "count_skipped": report.skipped,
        "progress_done": report.total,
        "progress_total": report.total,
    }


def _fail(job: ImportJob, exc: ApplicationError) -> None:
    line = None
    for message in exc.errors.get("file", []):
        line = _line_of(message)
    _set_status(
        job,
        ImportStatus.FAILED,
        error=exc.message[:2000],
        error_line=line,
        finished_at=timezone.now(),
    )


def _line_of(message: str) -> int | None:
    digits = "".join(ch if ch.isdigit() else " " for ch in message).split()
    return int(digits[0]) if digits else None


def import_job_preview(*, job: ImportJob, reader: RecordSource | None = None) -> ImportJob:
    """Read the job's file and work out what importing it would do; nothing is kept."""
    if job.status in {ImportStatus.IMPORTING, ImportStatus.DONE}:
        raise Conflict(_("This import has already been committed."))
    _set_status(job, ImportStatus.PREVIEWING, started_at=timezone.now(), error="")
    try:
        with _progress_file(job) as (on_bytes, on_records):
            _fmt, report = import_file(
                owner=job.owner,
                path=job_path(job),
                fmt=job.format,
                mapping=job.mapping,
                dry_run=True,
                skip_duplicates=job.skip_duplicates,
                on_bytes=on_bytes,
                on_records=on_records,
                reader=reader,
            )
    except ApplicationError as exc:
        _fail(job, exc)
        return job
    _set_status(
        job,
        ImportStatus.PREVIEWED,
        preview=report.as_dict(),
        finished_at=timezone.now(),
        **_counts(report),
    )
    progress_path(job).unlink(missing_ok=True)
    return job


def import_job_commit(
    *,
    job: ImportJob,
    reader: RecordSource | None = None,
    fail_after: int | None = None,
    queued: bool = False,
) -> ImportJob:
    """Import the job's file for real, in one transaction: all of it or nothing.

    `queued`: the commit was queued by `import_job_start`, which already marked it importing.
    """
    allowed = {ImportStatus.IMPORTING} if queued else {ImportStatus.PREVIEWED}
    if job.status not in allowed:
        raise Conflict(
            _("Only a previewed import can be committed (this one is “%(status)s”).")
            % {"status": job.get_status_display()}
        )
    _set_status(job, ImportStatus.IMPORTING, started_at=timezone.now())
    try:
        with _progress_file(job) as (on_bytes, on_records):
            _fmt, report = import_file(
                owner=job.owner,
                path=job_path(job),
                fmt=job.format,
                mapping=job.mapping,
                skip_duplicates=job.skip_duplicates,
                on_bytes=on_bytes,
                on_records=on_records,
                reader=reader if fail_after is None else _failing(reader, fail_after),
            )
    except ApplicationError as exc:
        _fail(job, exc)
        return job
    _set_status(
        job,
        ImportStatus.DONE,
        result=report.as_dict(),
        finished_at=timezone.now(),
        **_counts(report),
    )
    # The person data is in the database now; the uploaded copy is not kept.
    job_path(job).unlink(missing_ok=True)
    progress_path(job).unlink(missing_ok=True)
    return job


def _failing(reader: RecordSource | None, after: int) -> RecordSource:
    """A reader that breaks after `after` records (tests: a failure midway writes nothing)."""

    def read(stream: BinaryIO) -> Iterator[ContactRecord | SkippedRecord]:
        source = reader(stream) if reader else open_records(stream, fmt="vcard")
        for count, item in enumerate(source, start=1):
            if count > after:
                raise InvalidInput.for_field("file", _("Import interrupted."))
            yield item

    return read


def import_job_delete(*, job: ImportJob) -> None:
    """Forget an import job and its uploaded file (people already imported stay)."""
    if job.status in {ImportStatus.PREVIEWING, ImportStatus.IMPORTING}:
        raise Conflict(_("This import is running; wait until it ends."))
    job_path(job).unlink(missing_ok=True)
    progress_path(job).unlink(missing_ok=True)
    job.delete()


def import_job_start(*, job: ImportJob, action: str) -> ImportJob:
    """Run a job's preview or commit in the background (or at once, with the test backend)."""
    from entregent.exchange.tasks import run_import_job

    if action not in {"preview", "commit"}:
        raise InvalidInput.for_field("action", _("Choose preview or commit."))
    if action == "commit":
        # Marked at once, under a row lock: a second click cannot queue the same commit twice.
        with transaction.atomic():
            locked = ImportJob.objects.select_for_update().get(pk=job.pk)
            if locked.status != ImportStatus.PREVIEWED:
                raise Conflict(
                    _("Only a previewed import can be committed (this one is “%(status)s”).")
                    % {"status": locked.get_status_display()}
                )
            locked.status = ImportStatus.IMPORTING
            locked.started_at = timezone.now()
            locked.save(update_fields=["status", "started_at", "updated"])
    else:
        if job.status in {ImportStatus.PREVIEWING, ImportStatus.IMPORTING, ImportStatus.DONE}:
            raise Conflict(_("This import is running or already committed."))
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED)
    run_import_job.enqueue(job.pk, action)
    job.refresh_from_db()
    return job
