"""Celery tasks of the cooperatives domain: thin shells around services."""

from marketplace.celery import app

from .services.importing import product_import_run


@app.task
def process_product_import(import_id):
    product_import_run(import_id=import_id)
