"""Keep search documents fresh: any saved or deleted row a document is made of
re-indexes its products in the same transaction, so a committed edit is
searchable at once (the Elasticsearch copy follows on commit).

Saleor changes these rows from its own mutations, which we cannot wrap in a
service, so this is the one place search listens to model signals.
`deferred()` batches the work of a bulk operation into one re-index at the end.

Where Saleor writes without a signal (bulk_create, bulk_update, update()):
its order hooks re-index an order's products (plugin.py), its bulk stock and
publication mutations are served re-indexing what they touched
(saleor_mutations.py), its bulk repricing tasks are followed by `reconcile()`,
and a periodic `reconcile(stock=True)` catches anything else.
"""

import threading
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save

from marketplace.cooperatives.models import Cooperative, CooperativeProduct

from . import saleor_search

_state = threading.local()


def reindex(product_ids):
    product_ids = {pk for pk in product_ids if pk is not None}
    if not product_ids:
        return
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending.update(product_ids)
        return
    from .indexing import index_products_everywhere

    index_products_everywhere(product_ids)


@contextmanager
def deferred():
    """Collect re-indexing inside the block and do it once when the block ends."""
    outer = getattr(_state, "pending", None)
    if outer is not None:
        yield
        return
    _state.pending = set()
    try:
        yield
        pending = _state.pending
    finally:
        _state.pending = None
    reindex(pending)


def _product(sender, instance, **kwargs):
    reindex([instance.pk])


def _product_child(sender, instance, **kwargs):
    reindex([instance.product_id])


def _variant_child(sender, instance, **kwargs):
    reindex(saleor_search.product_ids_of_variant(instance.product_variant_id))


def _allocation(sender, instance, **kwargs):
    reindex(saleor_search.product_ids_of_stock(instance.stock_id))


def _cooperative(sender, instance, **kwargs):
    reindex(instance.product_links.values_list("product_id", flat=True))


def _category(sender, instance, **kwargs):
    reindex(saleor_search.product_ids_in_category(instance))


def _category_translation(sender, instance, **kwargs):
    _category(sender, instance.category)


def _certifications(sender, product_ids=(), **kwargs):
    reindex(product_ids)


def reconcile(*, stock=False):
    """Re-index the products whose documents drifted from the catalogue; returns their ids."""
    product_ids = saleor_search.drifted_product_ids(stock=stock)
    reindex(product_ids)
    return product_ids


def _saleor_task_done(sender=None, **kwargs):
    if getattr(sender, "name", None) in saleor_search.PRICE_TASKS:
        reconcile()


def connect():
    from celery.signals import task_postrun

    from .labels import certifications_changed_signal

    # Saleor reprices products (sales, deleted categories) in bulk from these tasks.
    task_postrun.connect(_saleor_task_done, weak=False, dispatch_uid="search-saleor-prices")

    certifications_changed = certifications_changed_signal()
    if certifications_changed is not None:
        certifications_changed.connect(_certifications, dispatch_uid="search-certifications")
    receivers = [
        (saleor_search.PRODUCT_MODEL, _product),
        (saleor_search.PRODUCT_TRANSLATION_MODEL, _product_child),
        (saleor_search.VARIANT_MODEL, _product_child),
        (saleor_search.STOCK_MODEL, _variant_child),
        (saleor_search.ALLOCATION_MODEL, _allocation),
        (CooperativeProduct, _product_child),
        (Cooperative, _cooperative),
        (saleor_search.CATEGORY_MODEL, _category),
        (saleor_search.CATEGORY_TRANSLATION_MODEL, _category_translation),
    ]
    for model, receiver in receivers:
        uid = f"search-{model._meta.label}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=uid + "-delete")
