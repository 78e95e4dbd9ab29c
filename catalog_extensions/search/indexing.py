"""Indexing in every configured backend: PostgreSQL always (it is also the
fallback), Elasticsearch too when it is the configured backend.

PostgreSQL documents are written in the transaction of the change. The
Elasticsearch copy follows after commit through a Celery task carrying only
product ids (search/tasks.py): it rebuilds the documents from the database
when it runs, so a late retry never writes an older state.
"""

import threading

from django.conf import settings
from django.db import connection, transaction
from django.dispatch import Signal

from .documents import build_documents, index_products

_state = threading.local()

# Sent once Elasticsearch took a write made after the commit of the change: pages
# cached since that commit show what the index held before (the storefront listens).
elasticsearch_written = Signal()


def _elasticsearch():
    from .api import configured_backend

    backend = configured_backend()
    return backend if hasattr(backend, "write_documents") else None


# Advisory locks taken on products while their documents are rewritten: first key,
# and how many locks products share (a rebuild's batch holds at most this many).
DOCUMENT_LOCK = 1197
DOCUMENT_LOCK_SLOTS = 1024


def index_products_locked(product_ids):
    """index_products, one writer per product at a time.

    Documents are replaced by DELETE then INSERT: a second transaction
    re-indexing a product the first one just re-indexed would wait on the
    deleted row, then miss the first one's new row and collide with it
    (duplicate key). The lock makes it wait before reading anything instead.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        # Taken in one order (unnest keeps the array's), so two writers never deadlock here.
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, slot) FROM unnest(%s::int[]) AS slot",
            [DOCUMENT_LOCK, sorted({pk % DOCUMENT_LOCK_SLOTS for pk in product_ids})],
        )
        return index_products(product_ids)


def index_products_everywhere(product_ids):
    product_ids = set(product_ids)
    index_products_locked(product_ids)
    if _elasticsearch() is None:
        return
    if getattr(settings, "SEARCH_INDEX_ON_COMMIT", True):
        _push_after_commit(product_ids)
    else:
        _send_task(product_ids)


def _push_after_commit(product_ids):
    # One task per transaction, however many rows of a product it saved: every
    # callback sends what is pending, the first one of a commit sends it all.
    # Ids of a rolled-back transaction ride along with the next commit: the
    # task reads the database, so they only cost a redundant write.
    pending = getattr(_state, "pending", None)
    if pending is None:
        pending = _state.pending = set()
    pending.update(product_ids)
    transaction.on_commit(_send_pending)


def _send_pending():
    pending, _state.pending = getattr(_state, "pending", None), set()
    if pending:
        _send_task(pending)


def _send_task(product_ids):
    from kombu.exceptions import OperationalError

    from .tasks import index_in_elasticsearch, record_unsent

    try:
        index_in_elasticsearch.delay(sorted(product_ids))
    except OperationalError as error:
        # The change is committed already: the shopper's page must not break.
        record_unsent(sorted(product_ids), error)


def push_to_elasticsearch(product_ids):
    """Write the current documents of these products to Elasticsearch (deleting
    those no longer indexable); raises the backend's IndexingUnavailable or
    IndexingRefused. Returns how many documents were written."""
    backend = _elasticsearch()
    if backend is None:
        return 0
    product_ids = set(product_ids)
    documents = build_documents(product_ids)
    removed = product_ids - {document.product_id for document in documents}
    backend.write_documents(documents, removed=removed)
    elasticsearch_written.send(sender=push_to_elasticsearch, product_ids=sorted(product_ids))
    return len(documents)


def rebuild_index(*, progress=None, batch_size=1000):
    """Rebuild every document, in batches; `progress(done, total)` after each batch.

    PostgreSQL rows are replaced batch by batch (each batch in one
    transaction); Elasticsearch, when configured, gets a new index swapped
    in atomically at the end.
    """
    from . import saleor_search
    from .api import configured_backend
    from .models import SearchDocument

    product_ids = saleor_search.all_product_ids()
    SearchDocument.objects.exclude(product_id__in=product_ids).delete()
    backend = configured_backend()
    es_rebuild = backend.start_rebuild() if hasattr(backend, "start_rebuild") else None
    total = len(product_ids)
    for start in range(0, total, batch_size):
        documents = index_products_locked(product_ids[start : start + batch_size])
        if es_rebuild is not None:
            es_rebuild.add(documents)
        if progress:
            progress(min(start + batch_size, total), total)
    if es_rebuild is not None:
        es_rebuild.finish()
    # Fresh statistics, or the planner ignores the new GIN indexes.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_search_searchdocument, catalog_search_searchlabel")
    return total
