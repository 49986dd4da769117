"""Background tasks of the exchange app, run by the task worker (`entregent worker`).

The database backend of django-tasks keeps the queue in the application's own database,
so the default needs no extra server; tests use the immediate backend, which runs the very
same function at once.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from entregent.core.errors import ApplicationError
from entregent.exchange.choices import ImportStatus
from entregent.exchange.models import ImportJob

logger = logging.getLogger(__name__)


@task()
def run_import_job(job_id: int, action: str) -> str:
    """Preview or commit one import job; the job row records the outcome."""
    from entregent.exchange.services import import_job_commit, import_job_preview

    job = ImportJob.objects.filter(pk=job_id).select_related("owner").first()
    if job is None:
        return "missing"
    try:
        if action == "commit":
            import_job_commit(job=job, queued=True)
        else:
            import_job_preview(job=job)
    except ApplicationError as exc:
        # A second commit of the same job, a job changed meanwhile: nothing to do.
        logger.info("import job %s not run: %s", job_id, exc.message)
        return "refused"
    except Exception:
        # The transaction was rolled back: say so on the job instead of leaving it running.
        logger.exception("import job %s failed", job_id)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED,
            error=str(_("The import failed unexpectedly; nothing was written.")),
            finished_at=timezone.now(),
        )
        raise
    return str(job.status)
