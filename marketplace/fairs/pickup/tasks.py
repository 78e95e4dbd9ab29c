"""Celery tasks of pickup at a fair stop: thin shells around services."""

from marketplace.celery import app

from .services import pickup_choices_expire


@app.task
def expire_pickup_choices():
    """Refund the pickup orders of cancelled stops whose shoppers never chose."""
    return pickup_choices_expire()
