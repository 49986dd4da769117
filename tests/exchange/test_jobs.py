"""Background jobs: the queue in the database, the worker `serve` starts, progress, failures."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from entregent.core import cli as core_cli
from entregent.exchange.models import ImportJob
from entregent.exchange.records import ContactRecord
from entregent.exchange.services import (
    import_job_commit,
    import_job_create,
    import_job_mark_stalled,
    import_job_preview,
    import_job_progress,
    import_job_start,
)
from entregent.people.models import Person
from tests.cli.conftest import cli  # noqa: F401

VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"


def new_job(owner, content: bytes = VCARD) -> ImportJob:
    return import_job_create(owner=owner, chunks=[content], original_name="people.vcf")


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# The worker closes its connection between tasks, as a real one does: no wrapping transaction.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_preview_then_commit(alice, database_queue):
    job = new_job(alice)
    import_job_start(job=job, action="preview")
    job.refresh_from_db()
    assert job.status == "queued"
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.count_new) == ("previewed", 1)
    import_job_start(job=job, action="commit")
    job.refresh_from_db()
    assert job.status == "importing"
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    job.refresh_from_db()
    assert job.status == "done"
    assert Person.objects.filter(owner=alice).count() == 1


def test_a_queued_commit_cannot_be_queued_twice(alice, database_queue):
    job = new_job(alice)
    import_job_preview(job=job)
    import_job_start(job=job, action="commit")
    with pytest.raises(Exception, match="previewed"):
        import_job_start(job=job, action="commit")


def test_a_commit_that_fails_midway_writes_nothing_and_says_so(alice):
    job = new_job(alice)
    records = [ContactRecord(line=i, full_name=f"Person {i}") for i in range(1, 50)]
    import_job_preview(job=job, reader=lambda _stream: records)
    import_job_commit(job=job, reader=lambda _stream: records, fail_after=30)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error
    assert not Person.objects.filter(owner=alice).exists()


def test_progress_reaches_the_whole_file_when_done(alice):
    job = new_job(alice)
    assert import_job_progress(job=job)["percent"] == 0
    import_job_preview(job=job)
    progress = import_job_progress(job=job)
    assert progress["percent"] == 100
    assert progress["total"] == len(VCARD)


def test_the_uploaded_file_is_removed_once_imported(alice, settings):
    job = new_job(alice)
    import_job_preview(job=job)
    import_job_commit(job=job)
    assert list((settings.DATA_DIR / "imports" / str(alice.pk)).iterdir()) == []


@pytest.fixture
def serve_without_server(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(core_cli, "migrate_database", lambda **kw: None)
    monkeypatch.setattr(core_cli, "collect_static", lambda: True)
    monkeypatch.setattr(core_cli, "run_gunicorn", lambda options: calls.append("gunicorn"))

    class FakeWorker:
        def poll(self):
            return None

        def terminate(self):
            calls.append("worker stopped")

        def wait(self, timeout=None):
            return 0

    def start():
        calls.append("worker started")
        return FakeWorker()

    monkeypatch.setattr(core_cli, "start_worker", start)
    monkeypatch.delenv("RUN_MAIN", raising=False)
    return calls


def test_serve_starts_the_worker_beside_the_server_and_stops_it(cli, alice, serve_without_server):  # noqa: F811
    result = cli("serve")
    assert result.exit_code == 0, result.output
    assert serve_without_server == ["worker started", "gunicorn", "worker stopped"]


def test_serve_can_leave_the_worker_out(cli, alice, serve_without_server):  # noqa: F811
    cli("serve", "--no-worker")
    assert serve_without_server == ["gunicorn"]


def test_the_worker_needs_nothing_when_tasks_run_at_once(cli, alice):  # noqa: F811
    result = cli("worker")
    assert result.exit_code == 0
    assert "no worker is needed" in result.stdout


def _running_since(job: ImportJob, minutes: int) -> ImportJob:
    import datetime as dt

    from django.utils import timezone

    started = timezone.now() - dt.timedelta(minutes=minutes)
    ImportJob.objects.filter(pk=job.pk).update(status="importing", started_at=started)
    job.refresh_from_db()
    return job


def test_a_job_whose_worker_died_is_failed_and_can_be_started_again(alice, settings):
    settings.ENTREGENT_IMPORT_STALLED_MINUTES = 15
    job = new_job(alice)
    import_job_preview(job=job)
    job = import_job_mark_stalled(job=_running_since(job, 20))
    assert job.status == "failed"
    assert "interrupted" in job.error
    import_job_start(job=job, action="preview")
    job.refresh_from_db()
    assert job.status == "previewed"


def test_a_job_that_is_still_moving_is_left_running(alice, settings):
    settings.ENTREGENT_IMPORT_STALLED_MINUTES = 15
    job = _running_since(new_job(alice), 5)
    assert import_job_mark_stalled(job=job).status == "importing"


def test_the_api_says_a_stalled_job_failed(alice, settings):
    from tests.api.conftest import api_for

    settings.ENTREGENT_IMPORT_STALLED_MINUTES = 15
    job = _running_since(new_job(alice), 60)
    response = api_for(alice).get(f"/imports/{job.pk}")
    assert response.status_code == 200
    assert response.json()["status"] == "failed"
