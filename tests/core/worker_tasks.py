"""Tasks only the tests send; the test worker imports this module (celery worker --include)."""

from marketplace.celery import app


@app.task(
    bind=True, name="tests.core.worker_tasks.call_a_gateway_that_is_down",
    autoretry_for=(ConnectionError,), max_retries=2, default_retry_delay=0.1,
)
def call_a_gateway_that_is_down(self, order_token):
    raise ConnectionError(f"gateway unreachable for order {order_token}")
