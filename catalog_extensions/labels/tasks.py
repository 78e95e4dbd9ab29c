"""Celery tasks of the labels domain: thin shells around services."""

from marketplace.celery import app

from .services.certifications import certifications_expire


@app.task(name="catalog_extensions.labels.tasks.expire_certifications")
def expire_certifications():
    """Daily (beat): expire certifications whose validity ended, warn those ending soon."""
    expired, warned = certifications_expire()
    return {"expired": expired, "warned": warned}
