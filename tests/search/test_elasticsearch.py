"""What only the Elasticsearch backend has: the versioned alias and the fallback."""

import logging

import pytest

from catalog_extensions.search import backends
from catalog_extensions.search.api import SearchRequest, configured_backend, search
from catalog_extensions.search.indexing import rebuild_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def elasticsearch(search_backend):
    if search_backend != "elasticsearch":
        pytest.skip("Elasticsearch only")
    return configured_backend()


@pytest.fixture(params=["elasticsearch"])
def search_backend(request, settings, osmem_url):
    from .es_compat import PlainJsonNode

    backends.reset()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = osmem_url
    settings.ELASTICSEARCH_INDEX = f"test-alias-{request.node.name[-40:].lower()}"
    settings.ELASTICSEARCH_CLIENT_OPTIONS = {"node_class": PlainJsonNode, "request_timeout": 30}
    settings.SEARCH_INDEX_ON_COMMIT = False
    yield request.param
    backends.reset()


def test_rebuild_swaps_the_alias_to_a_new_index(elasticsearch, catalogue):
    # given
    client, alias = elasticsearch.client, elasticsearch.alias
    before = set(client.indices.get_alias(name=alias))

    # when
    rebuild_index()

    # then
    after = set(client.indices.get_alias(name=alias))
    assert len(after) == 1 and not after & before
    assert not any(client.indices.exists(index=name) for name in before)
    assert search(SearchRequest(text="amlou")).product_ids == [catalogue["amlou"].pk]


def test_unreachable_cluster_is_logged_and_postgresql_serves(
    elasticsearch, catalogue, settings, caplog
):
    # given
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    backends.reset()

    # when
    with caplog.at_level(logging.WARNING, logger="catalog_extensions.search.api"):
        result = search(SearchRequest(text="amlou"))

    # then
    assert result.product_ids == [catalogue["amlou"].pk]
    assert "unavailable, PostgreSQL serves" in caplog.text
