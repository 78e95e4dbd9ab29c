"""Elasticsearch indexing is never dropped silently.

While the cluster is unreachable the indexing task retries (search is served by
PostgreSQL meanwhile); when it comes back the document arrives; after the last
retry a FailedTask names the products. The retries are checked on a real
Celery worker over a real Redis broker; run eagerly (no broker) the task
records the failure at once instead of retrying inside the shopper's request.
"""

import logging
import os
import subprocess
import uuid
from pathlib import Path

import pytest
from graphene import Node

from catalog_extensions.search import backends
from catalog_extensions.search.api import SearchRequest, configured_backend, search
from catalog_extensions.search.indexing import push_to_elasticsearch
from catalog_extensions.search.tasks import TASK_NAME, index_in_elasticsearch, retry_delay
from marketplace.operations.models import FailedTask
from tests.fixtures.cooperatives import make_user
from tests.fixtures.services import BIN, free_port, reset_broker_connections

from .conftest import found_within, start_osmem, use_elasticsearch

PRODUCT_UPDATE = """
mutation Rename($id: ID!, $name: String!) {
  productUpdate(id: $id, input: {name: $name}) { productErrors { field code } }
}
"""


@pytest.fixture
def closed_port():
    return free_port()


@pytest.fixture
def search_backend(settings, closed_port):
    """Elasticsearch configured at a port where nothing listens (yet)."""
    use_elasticsearch(settings, f"http://127.0.0.1:{closed_port}")
    settings.SEARCH_INDEX_MAX_RETRIES = 3
    yield "elasticsearch"
    backends.reset()


def failed_tasks_naming(product):
    return [
        failed for failed in FailedTask.objects.filter(task_name=TASK_NAME)
        if product.pk in failed.args[0]
    ]


def rename(graphql, token, product, name):
    answer = graphql(
        PRODUCT_UPDATE, {"id": Node.to_global_id("Product", product.pk), "name": name},
        token=token,
    )
    assert answer["data"]["productUpdate"]["productErrors"] == []


@pytest.fixture
def catalogue_manager(db, user_token):
    return user_token(make_user("catalogue@example.ma", is_staff=True,
                                permissions=["product.manage_products"]))


def elasticsearch_name(product):
    """The product's name as the Elasticsearch index holds it (None if absent or unreachable)."""
    backend = configured_backend()
    try:
        document = backend.client.get(index=backend.alias, id=product.pk)
    except Exception:  # noqa: BLE001 - absent, or the cluster still down
        return None
    return document["_source"]["name_fr"]


# --- without a worker ----------------------------------------------------------


def test_retry_delays_double_up_to_the_ceiling(settings):
    # given
    settings.SEARCH_INDEX_RETRY_BACKOFF = 2
    settings.SEARCH_INDEX_RETRY_BACKOFF_MAX = 600

    # when
    delays = [retry_delay(retries) for retries in range(12)]

    # then
    ceilings = [min(600, 2 * 2**retries) for retries in range(12)]
    pairs = zip(delays, ceilings, strict=True)
    assert all(ceiling / 2 <= delay <= ceiling for delay, ceiling in pairs)
    assert max(delays) <= 600


@pytest.mark.django_db(transaction=True)
def test_edit_while_the_cluster_is_down_is_served_by_postgresql_and_recorded(
    search_backend, shop, graphql, catalogue_manager, caplog, client
):
    # given
    jam = shop(name="Confiture de figues")
    FailedTask.objects.all().delete()

    caplog.clear()

    # when
    with caplog.at_level(logging.WARNING):
        rename(graphql, catalogue_manager, jam, "Confiture de coings")

    # then: the page works and search answers from PostgreSQL
    assert search(SearchRequest(text="coings")).product_ids == [jam.pk]
    assert client.get("/search/", {"q": "coings"}).status_code == 200
    # run in the request, it does not retry at once: the failure is kept, naming the product
    assert "; retry " not in caplog.text
    assert "failed for good after 0 retries" in caplog.text
    [failed] = failed_tasks_naming(jam)
    assert failed.retries == 0
    assert failed.exception.startswith("IndexingUnavailable:")


@pytest.mark.django_db(transaction=True)
def test_a_retry_writes_the_products_current_state_not_the_one_it_was_queued_with(
    search_backend, shop, settings, closed_port
):
    # given: a task queued for an edit, held up while the product changed again
    jam = shop(name="Confiture de figues")
    jam.name = "Confiture de coings"
    jam.save()
    osmem = start_osmem(closed_port)
    try:
        backends.reset()

        # when
        result = index_in_elasticsearch.apply(args=[[jam.pk]])

        # then
        assert result.successful()
        assert elasticsearch_name(jam) == "Confiture de coings"
    finally:
        osmem.terminate()
        osmem.wait(10)


@pytest.mark.django_db
def test_a_deleted_product_is_deleted_from_the_index(search_backend, shop, closed_port):
    # given
    osmem = start_osmem(closed_port)
    try:
        backends.reset()
        jam = shop(name="Confiture de figues")
        push_to_elasticsearch([jam.pk])
        assert elasticsearch_name(jam) == "Confiture de figues"

        # when
        product_id = jam.pk
        jam.delete()
        push_to_elasticsearch([product_id])

        # then
        jam.pk = product_id
        assert elasticsearch_name(jam) is None
    finally:
        osmem.terminate()
        osmem.wait(10)


# --- a real worker on a real Redis broker ----------------------------------------


@pytest.fixture
def search_worker(redis_url, transactional_db, settings, tmp_path, closed_port):
    """A real Celery worker on Redis indexing into Elasticsearch at `closed_port`,
    retrying after about 1, 2 then 4 s, three times at most; its log is `.log`."""
    from django.db import connection

    from marketplace.celery import app

    # A Redis database of its own: no task left by another test reaches this worker.
    broker = redis_url.rsplit("/", 1)[0] + f"/{1 + int(uuid.uuid4().int % 14)}"
    database = connection.settings_dict
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.search.worker_settings",
        "CELERY_BROKER_URL": broker,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "SEARCH_BACKEND": "elasticsearch",
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL,
        "ELASTICSEARCH_INDEX": settings.ELASTICSEARCH_INDEX,
        "SEARCH_INDEX_MAX_RETRIES": "3",
        "SEARCH_INDEX_RETRY_BACKOFF": "1",
    }
    with log.open("w") as output:
        process = subprocess.Popen(
            [str(BIN / "celery"), "-A", "marketplace", "worker", "--pool", "solo",
             "--concurrency", "1", "--loglevel", "WARNING", "--without-heartbeat",
             "--without-mingle", "--without-gossip"],
            env=env, cwd=Path(__file__).resolve().parents[2],
            stdout=output, stderr=subprocess.STDOUT,
        )
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=broker)
    reset_broker_connections(app)
    process.log = log
    yield process
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=previous[0], CELERY_BROKER_URL=previous[1])
    reset_broker_connections(app)
    process.terminate()
    process.wait(20)


def wait_for_log(process, text, seconds):
    return found_within(seconds, lambda: text in process.log.read_text(), every=0.2)


@pytest.mark.django_db(transaction=True)
def test_worker_retries_while_the_cluster_is_down_and_indexes_once_it_is_back(
    search_backend, shop, search_worker, graphql, catalogue_manager, closed_port
):
    # given: an edit committed while nothing listens on the cluster's port
    jam = shop(name="Confiture de figues")
    rename(graphql, catalogue_manager, jam, "Confiture de coings")
    # a loaded 2-core machine starts the worker slowly
    assert wait_for_log(search_worker, "retry 1 of 3", 90) is not None, (
        search_worker.log.read_text()
    )

    # when: the cluster comes back on that port
    osmem = start_osmem(closed_port)
    try:
        backends.reset()

        # then: a retry delivers the document, with the name it has now
        arrived = found_within(30, lambda: elasticsearch_name(jam) == "Confiture de coings")
        assert arrived is not None, search_worker.log.read_text()
        assert search(SearchRequest(text="coings")).product_ids == [jam.pk]
        assert search(SearchRequest(text="figues")).product_ids == []
        assert failed_tasks_naming(jam) == []
    finally:
        osmem.terminate()
        osmem.wait(10)


@pytest.mark.django_db(transaction=True)
def test_worker_records_a_failed_task_naming_the_products_after_its_last_retry(
    search_backend, shop, search_worker, graphql, catalogue_manager
):
    # given
    jam = shop(name="Confiture de figues")

    # when: the cluster stays down
    rename(graphql, catalogue_manager, jam, "Confiture de coings")

    # then
    recorded = found_within(120, lambda: failed_tasks_naming(jam), every=0.2)
    assert recorded is not None, search_worker.log.read_text()
    failed = failed_tasks_naming(jam)[-1]
    assert failed.retries == 3
    assert failed.exception.startswith("IndexingUnavailable:")
    assert "failed for good after 3 retries" in search_worker.log.read_text()
    assert search(SearchRequest(text="coings")).product_ids == [jam.pk]


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_an_edit_is_found_in_elasticsearch_within_a_second(
    search_backend, shop, search_worker, graphql, catalogue_manager, closed_port
):
    # given: the cluster up, and the worker ready (it indexed the new product)
    osmem = start_osmem(closed_port)
    try:
        backends.reset()
        jam = shop(name="Confiture de figues")
        ready = found_within(90, lambda: elasticsearch_name(jam) == "Confiture de figues")
        assert ready is not None, search_worker.log.read_text()

        # when
        rename(graphql, catalogue_manager, jam, "Confiture de coings")

        # then
        elapsed = found_within(1.0, lambda: search(SearchRequest(text="coings")).product_ids
                               == [jam.pk])
        assert elapsed is not None, search_worker.log.read_text()
        print(f"found in Elasticsearch {elapsed * 1000:.0f} ms after the response")
        assert search(SearchRequest(text="figues")).product_ids == []
    finally:
        osmem.terminate()
        osmem.wait(10)


@pytest.fixture
def broker_down(closed_port):
    """Tasks are sent to a Redis broker where nothing listens."""
    from marketplace.celery import app

    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.update(
        CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=f"redis://127.0.0.1:{free_port()}/0"
    )
    reset_broker_connections(app)
    yield
    app.conf.update(CELERY_TASK_ALWAYS_EAGER=previous[0], CELERY_BROKER_URL=previous[1])
    reset_broker_connections(app)


@pytest.fixture
def jam(shop):
    return shop(name="Confiture de figues", cooperative=None)


@pytest.mark.django_db(transaction=True)
def test_an_edit_whose_task_cannot_be_queued_is_saved_and_recorded(
    search_backend, jam, broker_down, caplog
):
    # given: the product made while the broker was up
    FailedTask.objects.all().delete()

    # when
    jam.name = "Confiture de coings"
    jam.save()

    # then
    assert search(SearchRequest(text="coings")).product_ids == [jam.pk]
    [failed] = failed_tasks_naming(jam)
    assert failed.exception.startswith("OperationalError:")
    assert "Could not queue Elasticsearch indexing" in caplog.text
