"""The relevance set (data/relevance.json): every query finds its products on the first page."""

import json
from pathlib import Path

import pytest
from django.db import transaction
from saleor.account.models import Address
from saleor.product.models import Category, ProductType
from saleor.warehouse.models import Warehouse

from catalog_extensions.search import freshness
from catalog_extensions.search.api import SearchRequest, search
from marketplace.cooperatives.models import CooperativeStatus
from tests.fixtures.cooperatives import make_cooperative

from .conftest import add_product

pytestmark = pytest.mark.django_db

RELEVANCE = json.loads((Path(__file__).parent / "data" / "relevance.json").read_text())


@pytest.fixture(scope="module")
def relevance_catalogue(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build_catalogue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


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
