import time
from decimal import Decimal

import pytest
from celery.result import EagerResult
from saleor.product.tasks import update_product_minimal_variant_price_task

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
