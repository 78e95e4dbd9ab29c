"""Nothing dropped silently: a task that fails for good leaves a FailedTask row and an error log.

Celery sends ``task_failure`` once per task, after its last retry (a retry
raises Retry, which is not a failure), for every task: Saleor's and ours.
"""

import json
import logging

from celery.signals import task_failure

logger = logging.getLogger("marketplace.tasks")


def as_json(value, default):
    try:
        return json.loads(json.dumps(value, default=str))
    except (TypeError, ValueError):
        return default


@task_failure.connect
def record_failed_task(sender=None, task_id=None, exception=None, args=None, kwargs=None,
                       einfo=None, **_ignored):
    from .models import FailedTask

    retries = getattr(getattr(sender, "request", None), "retries", 0) or 0
    name = getattr(sender, "name", str(sender))
    logger.error(
        "task failed for good", extra={"task": name, "task_id": task_id, "retries": retries},
        exc_info=(type(exception), exception, exception.__traceback__) if exception else None,
    )
    try:
        FailedTask.objects.create(
            task_id=task_id or "",
            task_name=name,
            args=as_json(list(args or ()), []),
            kwargs=as_json(dict(kwargs or {}), {}),
            exception=f"{type(exception).__name__}: {exception}",
            traceback=str(einfo or ""),
            retries=retries,
        )
    except Exception:  # the error log above still tells
        logger.exception("could not record the failed task", extra={"task_id": task_id})
