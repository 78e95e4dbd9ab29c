"""An edit made while a rebuild fills the next Elasticsearch index survives the swap."""

import pytest
from saleor.product.models import Product

from catalog_extensions.search.api import SearchRequest, configured_backend, search
from catalog_extensions.search.indexing import rebuild_index

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["elasticsearch"])
def search_backend(request, settings):
    from catalog_extensions.search import backends

    from .conftest import use_elasticsearch

    use_elasticsearch(settings, request.getfixturevalue("osmem_url"))
    settings.SEARCH_INDEX_ON_COMMIT = False  # the test's transaction never commits
    yield request.param
    backends.reset()


def test_an_edit_during_a_rebuild_is_in_the_index_swapped_in(catalogue):
    # given: the rebuild has already written the first product to the next index
    first = Product.objects.order_by("pk").first()

    def edit_after_the_first_batch(done, total):
        if done == 1:
            first.name = "Confiture de coings"
            first.save()

    # when
    rebuild_index(progress=edit_after_the_first_batch, batch_size=1)

    # then
    backend = configured_backend()
    assert not backend.client.indices.exists_alias(name=backend.rebuild_alias)
    assert search(SearchRequest(text="coings")).product_ids == [first.pk]
