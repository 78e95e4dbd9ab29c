"""Elasticsearch follows PostgreSQL after commit, and never silently falls behind.

`index_in_elasticsearch` carries product ids, not documents: it rebuilds the
documents from the database each time it runs, so a retry writes the latest
state. While the cluster is unreachable (or answers "later": 408, 429, 502,
503, 504) it retries with exponential backoff; after its last retry the task
fails, and operations' task_failure handler records a FailedTask naming the
products (args) and logs the error. Meanwhile search falls back to
PostgreSQL, which is always fresh. Run eagerly (no broker), it does not
retry: the failure is recorded at once.

Settings: SEARCH_INDEX_MAX_RETRIES, SEARCH_INDEX_RETRY_BACKOFF (seconds before
the first retry, doubled each time) and SEARCH_INDEX_RETRY_BACKOFF_MAX.
"""

import logging
import random

from celery import shared_task
from django.conf import settings

from .backends.elasticsearch import IndexingUnavailable
from .indexing import push_to_elasticsearch

logger = logging.getLogger(__name__)

TASK_NAME = "catalog_extensions.search.tasks.index_in_elasticsearch"


def retry_delay(retries):
    """Seconds before retry number `retries + 1`: doubling, capped, with jitter so
    that the tasks queued during one outage do not all come back at once."""
    ceiling = min(
        settings.SEARCH_INDEX_RETRY_BACKOFF_MAX,
        settings.SEARCH_INDEX_RETRY_BACKOFF * 2**retries,
    )
    return random.uniform(ceiling / 2, ceiling)


@shared_task(bind=True, name=TASK_NAME, acks_late=True, ignore_result=True)
def index_in_elasticsearch(self, product_ids):
    try:
        written = push_to_elasticsearch(product_ids)
    except IndexingUnavailable as error:
        retries, limit = self.request.retries, settings.SEARCH_INDEX_MAX_RETRIES
        if self.request.is_eager:
            # Run in the request (no broker): a retry would come at once, not later,
            # and the shopper's page would wait for each one.
            limit = 0
        if retries >= limit:
            logger.error(
                "Elasticsearch indexing failed for good after %d retries; products %s "
                "stay stale there until indexed again (rebuild_search_index): %s",
                retries,
                product_ids,
                error,
            )
            raise
        delay = retry_delay(retries)
        logger.warning(
            "Elasticsearch indexing of products %s failed (%s); retry %d of %d in %.1f s",
            product_ids,
            error,
            retries + 1,
            limit,
            delay,
        )
        raise self.retry(exc=error, countdown=delay, max_retries=limit) from error
    return written


def record_unsent(product_ids, error):
    """The broker refused the task: keep the same record a failed task leaves."""
    from marketplace.operations.models import FailedTask

    logger.error(
        "Could not queue Elasticsearch indexing of products %s; they stay stale there "
        "until indexed again (rebuild_search_index): %s",
        product_ids,
        error,
    )
    FailedTask.objects.create(
        task_id="",
        task_name=TASK_NAME,
        args=[product_ids],
        exception=f"{type(error).__name__}: {error}",
    )


@shared_task(name="catalog_extensions.search.tasks.reconcile_search_documents", acks_late=True)
def reconcile_search_documents():
    """The safety net: documents a bulk write left behind are re-indexed (periodic)."""
    from .freshness import reconcile

    product_ids = reconcile(stock=True)
    if product_ids:
        logger.warning("Re-indexed %d drifted search documents: %s", len(product_ids),
                       product_ids[:50])
    return len(product_ids)
