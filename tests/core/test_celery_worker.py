import os
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest
from celery.result import EagerResult
from saleor.product.tasks import update_product_minimal_variant_price_task

from marketplace.operations.models import FailedTask

pytestmark = pytest.mark.django_db(transaction=True)


def test_saleor_task_runs_on_a_real_worker_over_redis(celery_worker_process, product_factory):
    # given
    product = product_factory(price="70.00")
    product.variants.update(price_override_amount=Decimal("55.00"))

    # when
    result = update_product_minimal_variant_price_task.delay(product.pk)

    # then
    assert not isinstance(result, EagerResult), "the task must travel through Redis"
    deadline = time.monotonic() + 90  # a loaded 2-core machine starts the worker slowly
    while time.monotonic() < deadline:
        product.refresh_from_db()
        if product.minimal_variant_price_amount == Decimal("55.00"):
            break
        time.sleep(0.2)
    assert product.minimal_variant_price_amount == Decimal("55.00")


@pytest.fixture
def worker_with_test_tasks(redis_url, transactional_db):
    """A real worker (as celery_worker_process) that also knows tests/core/worker_tasks.py."""
    from django.db import connection

    from marketplace.celery import app
    from tests.fixtures.services import BIN, reset_broker_connections

    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "CELERY_BROKER_URL": redis_url,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
    }
    process = subprocess.Popen(
        [str(BIN / "celery"), "-A", "marketplace", "worker", "--pool", "solo",
         "--include", "tests.core.worker_tasks", "--loglevel", "WARNING",
         "--without-heartbeat", "--without-mingle", "--without-gossip"],
        env=env, cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=redis_url)
    reset_broker_connections(app)
    yield process
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=previous[0], CELERY_BROKER_URL=previous[1])
    reset_broker_connections(app)
    process.terminate()
    process.wait(20)


def test_a_failing_task_is_retried_then_recorded_not_dropped(worker_with_test_tasks):
    # given
    from tests.core.worker_tasks import call_a_gateway_that_is_down

    # when
    result = call_a_gateway_that_is_down.delay("A-1042")

    # then
    deadline = time.monotonic() + 90
    # Other tests' tasks run on the same worker and may fail too: find this one's record.
    recorded = FailedTask.objects.filter(task_id=result.id)
    while time.monotonic() < deadline and not recorded.exists():
        time.sleep(0.2)
    failed = recorded.get()
    assert failed.task_name == "tests.core.worker_tasks.call_a_gateway_that_is_down"
    assert failed.retries == 2
    assert failed.args == ["A-1042"]
    assert failed.exception == "ConnectionError: gateway unreachable for order A-1042"
    assert "Traceback" in failed.traceback
