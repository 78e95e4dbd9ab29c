"""Indexing in every configured backend: PostgreSQL always (it is also the
fallback), Elasticsearch too when it is the configured backend."""

import logging

from django.conf import settings
from django.db import connection, transaction

from .documents import index_products

logger = logging.getLogger(__name__)


def index_products_everywhere(product_ids):
    product_ids = set(product_ids)
    documents = index_products(product_ids)
    from .api import configured_backend

    backend = configured_backend()
    if hasattr(backend, "index_documents"):
        removed = product_ids - {document.product_id for document in documents}
        push = lambda: backend.index_documents(documents, removed=removed)  # noqa: E731
        if getattr(settings, "SEARCH_INDEX_ON_COMMIT", True):
            transaction.on_commit(push)
        else:
            push()


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
        documents = index_products(product_ids[start : start + batch_size])
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
