from datetime import timedelta

from celery import shared_task
from django.conf import settings

from marketplace.core.sweeper import sweep_orphaned_files as sweep


@shared_task(
    name="marketplace.operations.tasks.sweep_orphaned_files",
    autoretry_for=(OSError,), retry_backoff=True, max_retries=3,
)
def sweep_orphaned_files():
    report = sweep(grace=timedelta(seconds=settings.ORPHAN_GRACE_SECONDS))
    return {"removed": [name for _storage, name in report.removed], "summary": str(report)}
