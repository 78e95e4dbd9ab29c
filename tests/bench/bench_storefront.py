"""The shop's pages at the region's scale, over HTTP: `make bench` (never `make test`).

10,000 products from 1,000 cooperatives (`manage.py seed_bench`), the
production server (gunicorn, 2 workers, DEBUG off) and a concurrent load
generator (tests/bench/harness.py). For the catalogue, a category, search
results and product pages: p50/p95 at concurrency 1 and requests/s at
concurrency 8, with the page cache on (as served) and off (every request
renders: what the first visitor after a change waits); page 1 against a deep
page; and the home page's weight (HTML raw and gzipped, plus its styles).

The addresses vary (several categories, queries, products and pages). In the
cached run each address is rendered beforehand (every gunicorn worker keeps
its own in-memory cache), so it measures what repeat visitors get; the
uncached run measures what the first visitor after a change waits.
"""

import gzip
import http.client
import os
import re
from urllib.parse import quote, urlsplit

import psycopg2
import pytest

from tests.bench.harness import Server, bench_database, load, release_bench_database, report

PRODUCTS, COOPERATIVES = 10_000, 1_000
CONCURRENCY_1_COUNT, CONCURRENCY_8_COUNT = 200, 800
TARGETS = {"p95_ms": 60, "requests_per_second": 100}


@pytest.fixture(scope="module")
def database_url():
    url = bench_database(products=PRODUCTS, cooperatives=COOPERATIVES)
    yield url
    release_bench_database()


def _rows(database_url, sql):
    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture(scope="module")
def addresses(database_url):
    categories = _rows(
        database_url,
        "SELECT c.slug FROM product_category c WHERE EXISTS"
        " (SELECT 1 FROM product_product p WHERE p.category_id = c.id) ORDER BY c.id LIMIT 6",
    )
    products = _rows(
        database_url,
        "SELECT p.slug FROM product_product p"
        " JOIN cooperatives_cooperativeproduct l ON l.product_id = p.id"
        " JOIN cooperatives_cooperative c ON c.id = l.cooperative_id"
        " WHERE p.is_published AND c.status = 'approved' ORDER BY p.id LIMIT 40",
    )
    queries = ["huile", "miel", "amlou", "زيت", "عسل", "couscous", "argan", "figues"]
    return {
        "catalogue": [
            "/catalogue/",
            "/ar/catalogue/",
            "/catalogue/?sort=price",
            "/ar/catalogue/?sort=name",
            "/catalogue/?in_stock=1&province=sefrou",
            "/catalogue/?page=2",
        ],
        "category": [f"/categories/{slug}/" for slug in categories]
        + [f"/ar/categories/{slug}/" for slug in categories[:3]],
        "search": [f"/search/?q={quote(text)}" for text in queries]
        + [f"/ar/search/?q={quote(text)}" for text in queries[3:5]],
        "product": [f"/products/{slug}/" for slug in products[:30]]
        + [f"/ar/products/{slug}/" for slug in products[30:]],
        "page 1": ["/catalogue/?page=1", "/ar/catalogue/?page=1&sort=name"],
    }


def _deep_pages(server):
    """The last page but one of the catalogue, as the page itself counts it."""
    _response, body = _get(server.url, "/catalogue/")
    total = int(re.search(rb'data-total="(\d+)"', body).group(1))
    deep = max(1, -(-total // 24) - 1)
    return [f"/catalogue/?page={deep}", f"/ar/catalogue/?page={deep}&sort=name"]


def _warm(server, requests):
    # Each gunicorn worker keeps its own in-memory cache: several unmeasured passes.
    load(server, requests, concurrency=2, count=len(requests) * 4, warmup=0)


def _measure(server, label, requests):
    one = load(server, requests, concurrency=1, count=CONCURRENCY_1_COUNT)
    eight = load(server, requests, concurrency=8, count=CONCURRENCY_8_COUNT)
    report(f"{label} (concurrency 1)", one)
    report(f"{label} (concurrency 8)", eight)
    return one, eight


@pytest.mark.parametrize("cache", ["on", "off"])
def test_bench_shop_pages(database_url, addresses, cache):
    figures = {}
    extra = {} if cache == "on" else {"STOREFRONT_PAGE_CACHE_SECONDS": "0"}
    print(f"\n== shop pages, {PRODUCTS} products / {COOPERATIVES} cooperatives, cache {cache}")
    with Server(database_url, env=extra) as server:
        deep_pages = _deep_pages(server)
        for kind in ("catalogue", "category", "search", "product"):
            if cache == "on":
                _warm(server, addresses[kind])
            figures[kind] = _measure(server, kind, addresses[kind])
        deep = _measure(server, f"catalogue deep ({deep_pages[0]})", deep_pages)
        first = _measure(server, "catalogue ?page=1", addresses["page 1"])
    for kind, (one, eight) in figures.items():
        met = (
            one.p95_ms <= TARGETS["p95_ms"]
            and eight.requests_per_second >= TARGETS["requests_per_second"]
        )
        print(
            f"{kind}: p95 {one.p95_ms:.1f} ms (target ≤ {TARGETS['p95_ms']}), "
            f"{eight.requests_per_second:.0f} req/s at 8 (target ≥ "
            f"{TARGETS['requests_per_second']}) — {'met' if met else 'NOT met'}"
        )
    print(f"deep page / page 1 p50: {deep[0].p50_ms:.1f} / {first[0].p50_ms:.1f} ms")
    print(f"load average of the machine: {os.getloadavg()}")
    assert deep[0].errors == 0
    assert all(one.errors == 0 for one, _eight in figures.values())


def _get(base_url, path, headers=None):
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_bench_home_page_weight(database_url):
    print("\n== home page weight (first load, no images)")
    with Server(database_url) as server:
        home = load(server, ["/", "/ar/"], concurrency=1, count=100)
        report("home (concurrency 1)", home)
        response, sent = _get(server.url, "/ar/", {"Accept-Encoding": "gzip"})
        encoding = response.getheader("Content-Encoding") or "identity"
        html = gzip.decompress(sent) if encoding == "gzip" else sent
        assets = re.findall(rb'<(?:link rel="stylesheet"|script)[^>]*(?:href|src)="([^"]+)"', html)
        asset_bytes = 0
        for asset in assets:
            asset_response, body = _get(server.url, asset.decode(), {"Accept-Encoding": "gzip"})
            asset_bytes += len(body)
            print(
                f"  {asset.decode()}: {len(body)} bytes sent,"
                f" Cache-Control: {asset_response.getheader('Cache-Control')}"
            )
    print(
        f"home /ar/: HTML {len(html)} bytes, {len(gzip.compress(html))} gzipped"
        f" ({len(sent)} sent as {encoding}); first load without images"
        f" {len(sent) + asset_bytes} bytes"
    )
    assert home.errors == 0
