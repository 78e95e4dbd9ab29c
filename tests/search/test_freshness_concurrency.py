"""Two transactions re-indexing the same product at once both commit, and the
document ends with what the last one saw."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from catalog_extensions.search.api import SearchRequest, search
from catalog_extensions.search.models import SearchDocument

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def search_backend():
    return "postgresql"


def waiting_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def in_thread(work, errors):
    def run():
        try:
            work()
        except Exception as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_an_edit_and_a_sale_of_one_product_at_once_both_commit(shop):
    # given
    jam = shop(name="Confiture de figues", quantity=3)
    stock = jam.variants.get().stocks.get()
    renamed, release = threading.Event(), threading.Event()
    errors = []

    def rename():
        with transaction.atomic():
            jam.name = "Confiture de coings"
            jam.save()
            renamed.set()
            release.wait(30)

    def sell_out():
        with transaction.atomic():
            stock.quantity = 0
            stock.save()

    # when: the stock changes while the rename's transaction holds the document
    first = in_thread(rename, errors)
    assert renamed.wait(30)
    second = in_thread(sell_out, errors)
    deadline = time.monotonic() + 30
    while not waiting_on_a_lock() and time.monotonic() < deadline:
        time.sleep(0.02)
    release.set()
    first.join(30)
    second.join(30)

    # then
    assert errors == []
    document = SearchDocument.objects.get(product_id=jam.pk)
    assert (document.name_fr, document.in_stock) == ("Confiture de coings", False)
    assert search(SearchRequest(text="coings")).product_ids == [jam.pk]
    assert search(SearchRequest(text="coings", in_stock=True)).product_ids == []
