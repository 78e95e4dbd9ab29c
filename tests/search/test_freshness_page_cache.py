"""A search page cached while Elasticsearch had not caught up with an edit is not
served once it has: the indexing task retires the cached pages after writing."""

import pytest
from django.core.cache import cache
from graphene import Node

from catalog_extensions.search import backends, indexing
from catalog_extensions.search.tasks import index_in_elasticsearch
from tests.fixtures.cooperatives import make_user

from .conftest import use_elasticsearch
from .test_freshness import PRODUCT_UPDATE, page_lists

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def search_backend(settings, osmem_url):
    use_elasticsearch(settings, osmem_url)
    settings.STOREFRONT_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield "elasticsearch"
    backends.reset()


def test_the_search_page_shows_the_edit_once_elasticsearch_has_it(
    search_backend, shop, graphql, user_token, client, monkeypatch
):
    # given: an edit committed, its indexing task still queued
    jam = shop(name="Confiture de figues")
    queued = []
    monkeypatch.setattr(indexing, "_send_task", queued.append)
    token = user_token(make_user("catalogue@example.ma", is_staff=True,
                                 permissions=["product.manage_products"]))
    graphql(PRODUCT_UPDATE, {"id": Node.to_global_id("Product", jam.pk),
                             "name": "Confiture de coings"}, token=token)
    assert not page_lists(client, "coings", jam)  # rendered from the index, then cached

    # when: a worker runs the task
    for product_ids in queued:
        index_in_elasticsearch.apply(args=[sorted(product_ids)])

    # then
    assert queued
    assert page_lists(client, "coings", jam)
    assert not page_lists(client, "figues", jam)
