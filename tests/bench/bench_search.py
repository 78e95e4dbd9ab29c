"""Search and listing at the region's scale, ours against raw Saleor, in one run.

`make bench` (or `pytest tests/bench/bench_search.py -o python_files='bench_*.py' -s`).
Seeds 10,000 products from 1,000 cooperatives once (tests/bench/harness.py),
then measures over HTTP on gunicorn (2 workers, DEBUG off):
- Saleor's `products(filter: {search})` served by raw Saleor and by us, with
  anonymous catalogue answers kept (the default) and with every one worked out;
- our `catalogueSearch` with facet counts;
- the 24-product `products` listing with `isAvailable`;
- a full `rebuild_search_index`.
Prints figures and ratios; asserts only that nothing failed.
"""

import os
import subprocess
import sys
import time

import pytest

from .harness import ROOT, Server, _server_env, bench_database, load, report

PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", 10_000))
COOPERATIVES = int(os.environ.get("BENCH_COOPERATIVES", 1_000))
COUNT_C1 = int(os.environ.get("BENCH_COUNT_C1", 60))
COUNT_C8 = int(os.environ.get("BENCH_COUNT_C8", 160))
TEXTS = ["amlou", "miel", "huile olive", "زيت الزيتون", "figues sèches", "tajine", "عسل"]

SALEOR_SEARCH = """query ($text: String) { products(first: 24, filter: {search: $text}) {
  totalCount edges { node { id name isAvailable } } } }"""
LISTING = """{ products(first: 24) { totalCount edges { node { id name isAvailable
  pricing { priceRange { start { gross { amount currency } } } } } } } }"""
CATALOGUE_SEARCH = """query ($text: String) { catalogueSearch(text: $text, perPage: 24) {
  total products { id name } facets { name values { value label count } } } }"""


# Anonymous catalogue answers are kept under the catalogue version
# (marketplace/core/graphql/answers.py); this is the cost of working each one out.
NO_ANSWER_CACHE = {"GRAPHQL_CATALOGUE_CACHE_SECONDS": "0"}


def graphql(query, variables=None):
    return {
        "method": "POST",
        "path": "/graphql/",
        "json": {"query": query, "variables": variables or {}},
        "headers": {"Accept-Language": "fr"},
    }


@pytest.fixture(scope="module")
def database():
    return bench_database(products=PRODUCTS, cooperatives=COOPERATIVES)


def measure(label, server, requests):
    # Each thread first sends every request once, unmeasured: the figures are
    # the steady state (with answers kept, a popular search asked again).
    warmup = len(requests)
    one = report(
        f"{label} c1", load(server, requests, concurrency=1, count=COUNT_C1, warmup=warmup)
    )
    eight = report(
        f"{label} c8", load(server, requests, concurrency=8, count=COUNT_C8, warmup=warmup)
    )
    return one, eight


def ratio(label, ours, raw):
    print(
        f"  {label}: p95 c1 {raw[0].p95_ms / max(ours[0].p95_ms, 0.1):.1f}× lower, "
        f"req/s c8 {ours[1].requests_per_second / max(raw[1].requests_per_second, 0.01):.1f}× "
        "higher than raw Saleor",
        flush=True,
    )


def test_bench_search_and_listing_against_raw_saleor(database):
    searches = [graphql(SALEOR_SEARCH, {"text": text}) for text in TEXTS]
    facets = [graphql(CATALOGUE_SEARCH, {"text": text}) for text in TEXTS]
    listing = [graphql(LISTING)]
    print(f"\n{PRODUCTS} products, {COOPERATIVES} cooperatives; gunicorn 2 workers, DEBUG off")
    with Server(database, raw_saleor=True) as saleor:
        raw_search = measure("raw Saleor products(filter: {search})", saleor, searches)
        raw_listing = measure("raw Saleor products(first: 24) + isAvailable", saleor, listing)
    figures = []
    for answers, env in (("kept answers", {}), ("every answer worked out", NO_ANSWER_CACHE)):
        with Server(database, env=env) as ours:
            our_search = measure(f"ours, {answers}: products(filter: {{search}})", ours, searches)
            our_facets = measure(f"ours, {answers}: catalogueSearch (facets)", ours, facets)
            our_listing = measure(
                f"ours, {answers}: products(first: 24) + isAvailable", ours, listing
            )
        print(f"ours, {answers}:")
        ratio("search", our_search, raw_search)
        ratio("search with facets", our_facets, raw_search)
        ratio("listing", our_listing, raw_listing)
        figures += [our_search, our_facets, our_listing]
    for one, eight in figures:
        assert one.errors == 0 and eight.errors == 0


def test_bench_full_index_rebuild(database):
    started = time.monotonic()
    output = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "rebuild_search_index"],
        env=_server_env(database),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    print(f"\nrebuild_search_index: {output.stdout.strip().splitlines()[-1]}", flush=True)
    print(f"  (with process start-up: {time.monotonic() - started:.1f} s)")
