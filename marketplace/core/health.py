"""/healthz/: is this process able to serve? Database, cache and broker, each probed cheaply.

Answers 200 when every dependency answers, 503 otherwise, with one word per
dependency ("ok", "error" or "off" for a broker that is not configured) and
nothing else: no versions, hosts or messages, so it is safe to expose.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def check_broker():
    from marketplace.celery import app

    with app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, timeout=settings.HEALTH_CHECK_TIMEOUT)


def broker_configured():
    return bool(settings.CELERY_BROKER_URL) and not settings.CELERY_TASK_ALWAYS_EAGER


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


@never_cache
@require_GET
def healthz(request):
    report = {}
    for name, check in CHECKS.items():
        if name == "broker" and not broker_configured():
            report[name] = "off"
            continue
        try:
            check()
        except Exception:  # noqa: BLE001 - any failure means "not healthy"
            logger.warning("health check failed: %s", name, exc_info=True)
            report[name] = "error"
        else:
            report[name] = "ok"
    healthy = "error" not in report.values()
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": report},
        status=200 if healthy else 503,
    )
