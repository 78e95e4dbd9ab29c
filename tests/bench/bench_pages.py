"""Query counts of the shop's pages and of Saleor's product list: `make bench`.

In-process (Django's test client), so every query is seen; the page cache is
off in the test settings, so these are the counts of a page that renders.
Latency and throughput are measured over HTTP at the region's scale in
bench_storefront.py. (This bench used to print "0 queries": it read the
captured queries lazily, after later requests had reset Django's query log.)
"""

import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

PRODUCTS = 300
ROUNDS = 20


def measure(label, request):
    request()  # warm-up
    with CaptureQueriesContext(connection) as queries:
        response = request()
    count = len(queries)  # now: the next request resets the log
    assert response.status_code == 200, label
    durations = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        request()
        durations.append((time.perf_counter() - started) * 1000)
    print(
        f"\n{label}: {count} queries; in-process p50 {statistics.median(durations):.1f} ms"
        f" ({PRODUCTS} products, {ROUNDS} rounds)"
    )
    return count


@pytest.fixture
def catalogue(product_factory):
    return [
        product_factory(name=f"Produit {number:03d}", name_ar=f"منتوج {number}", with_image=True)
        for number in range(PRODUCTS)
    ]


def test_bench_shop_page_query_counts(client, catalogue):
    product = catalogue[0]
    for label, path in [
        ("GET /ar/ (home)", "/ar/"),
        ("GET /ar/catalogue/", "/ar/catalogue/"),
        ("GET /catalogue/?page=12&sort=price", "/catalogue/?page=12&sort=price"),
        ("GET /categories/huiles/", "/categories/huiles/"),
        ("GET /search/?q=produit", "/search/?q=produit"),
        ("GET /products/<slug>/", f"/products/{product.slug}/"),
        ("GET /cooperatives/", "/cooperatives/"),
    ]:
        assert measure(label, lambda path=path: client.get(path)) > 0


def test_bench_graphql_product_list(client, catalogue):
    query = """{ products(first: 50) { edges { node { name
        translation(languageCode: AR) { name }
        pricing { priceRange { start { gross { amount currency } } } }
        thumbnail { url } } } } }"""
    measure(
        "POST /graphql/ products(first: 50)",
        lambda: client.post("/graphql/", {"query": query}, content_type="application/json"),
    )
