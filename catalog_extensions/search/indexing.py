"""Indexing in every configured backend: PostgreSQL always (it is also the
fallback), Elasticsearch too when it is the configured backend."""

import logging

from django.db import transaction

from .documents import index_products

logger = logging.getLogger(__name__)


def index_products_everywhere(product_ids):
    product_ids = set(product_ids)
    documents = index_products(product_ids)
    from .api import configured_backend

    backend = configured_backend()
    if hasattr(backend, "index_documents"):
        removed = product_ids - {document.product_id for document in documents}
        transaction.on_commit(lambda: backend.index_documents(documents, removed=removed))
