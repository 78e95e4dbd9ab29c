"""The relevance set (data/relevance.json): every query finds its products on the first page."""

import json
import uuid
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from saleor.account.models import Address
from saleor.product.models import Category, ProductType
from saleor.warehouse.models import Warehouse

from catalog_extensions.search import backends, freshness
from catalog_extensions.search.api import SearchRequest, search
from marketplace.cooperatives.models import CooperativeStatus
from tests.fixtures.cooperatives import make_cooperative

from .conftest import add_product
from .es_compat import PlainJsonNode

pytestmark = pytest.mark.django_db

RELEVANCE = json.loads((Path(__file__).parent / "data" / "relevance.json").read_text())


@pytest.fixture(scope="module", params=["postgresql", "elasticsearch"])
def relevance_catalogue(request, django_db_setup, django_db_blocker):
    """Built once per backend, inside a transaction rolled back at its end."""
    overrides = {}
    if request.param == "elasticsearch":
        overrides = {
            "SEARCH_BACKEND": "elasticsearch",
            "ELASTICSEARCH_URL": request.getfixturevalue("osmem_url"),
            "ELASTICSEARCH_INDEX": f"relevance-{uuid.uuid4().hex[:12]}",
            "ELASTICSEARCH_CLIENT_OPTIONS": {"node_class": PlainJsonNode, "request_timeout": 30},
            "SEARCH_INDEX_ON_COMMIT": False,
        }
    backends.reset()
    with override_settings(**overrides), django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build_catalogue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            backends.reset()


def _build_catalogue():
    product_type = ProductType.objects.create(name="Terroir", slug="terroir", has_variants=False)
    warehouse = Warehouse.objects.create(
        name="Relevance",
        slug="relevance",
        company_name="Relevance",
        email="r@example.ma",
        address=Address.objects.create(city="FES", country="MA"),
    )
    cooperative = make_cooperative(status=CooperativeStatus.APPROVED)
    categories, products = {}, {}
    for key, spec in RELEVANCE["products"].items():
        slug = spec["category"]
        if slug not in categories:
            categories[slug] = Category.objects.create(name=slug.capitalize(), slug=slug)
        with freshness.deferred():
            products[key] = add_product(
                product_type=product_type,
                warehouse=warehouse,
                category=categories[slug],
                cooperative=cooperative,
                name=spec["fr"],
                name_ar=spec["ar"],
                name_en=spec["en"],
                description=spec.get("description", ""),
            )
    return products


@pytest.mark.parametrize(
    "case", RELEVANCE["queries"], ids=[f"{c['lang']}:{c['q']}" for c in RELEVANCE["queries"]]
)
def test_relevance_query_finds_its_products_on_the_first_page(relevance_catalogue, case):
    # when
    result = search(SearchRequest(text=case["q"], language=case["lang"]))

    # then
    found = set(result.product_ids)
    expected = {relevance_catalogue[key].pk for key in case["expect"]}
    absent = {relevance_catalogue[key].pk for key in case.get("absent", [])}
    assert expected <= found
    assert not absent & found
    assert len(found) < len(relevance_catalogue)
    if not expected:
        assert found == set()
