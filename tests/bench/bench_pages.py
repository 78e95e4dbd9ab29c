"""Benchmarks: `make bench`. Never part of `make test` (files are bench_*.py).

Prints p50/p95 latency and query counts of the busiest read paths with a
catalogue of realistic size.
"""

import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

PRODUCTS = 300
ROUNDS = 40


def measure(label, request):
    request()  # warm-up
    durations = []
    connection.queries_log.clear()  # a full log (9,000 entries after seeding) counts nothing
    with CaptureQueriesContext(connection) as queries:
        request()
    for _ in range(ROUNDS):
        started = time.perf_counter()
        request()
        durations.append((time.perf_counter() - started) * 1000)
    durations.sort()
    p95 = durations[int(len(durations) * 0.95) - 1]
    print(
        f"\n{label}: p50 {statistics.median(durations):.1f} ms, p95 {p95:.1f} ms, "
        f"{len(queries)} queries ({PRODUCTS} products, {ROUNDS} rounds)"
    )


@pytest.fixture
def catalogue(product_factory):
    for number in range(PRODUCTS):
        product_factory(name=f"Produit {number:03d}", name_ar=f"منتوج {number}", with_image=True)


def test_bench_home_page(client, catalogue):
    measure("GET /ar/ (24 products a page)", lambda: client.get("/ar/"))


def test_bench_graphql_product_list(client, catalogue):
    query = """{ products(first: 50) { edges { node { name
        translation(languageCode: AR) { name }
        pricing { priceRange { start { gross { amount currency } } } }
        thumbnail { url } } } } }"""
    measure(
        "POST /graphql/ products(first: 50)",
        lambda: client.post("/graphql/", {"query": query}, content_type="application/json"),
    )
