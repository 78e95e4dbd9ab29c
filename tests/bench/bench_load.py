"""Load: the production server with the demo data, 50 shoppers browsing and 5 buying.

`make bench` (never `make test`). The image's start command (gunicorn with
deploy/gunicorn.conf.py, DEBUG off) serves a migrated, seeded database;
50 threads browse (the storefront pages in three languages and a 2.10
client's product listing over GraphQL) while 5 complete cash-on-delivery
checkouts through Saleor 2.10's checkout mutations, for BENCH_LOAD_SECONDS
(300; e.g. BENCH_LOAD_SECONDS=30 for a quick run). Each shopper waits
BENCH_THINK_SECONDS (0.5) between requests. Fails on any error and on any
order the API confirmed that the database does not hold.
"""

import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from graphql_relay import to_global_id
from saleor.order.models import Order
from saleor.payment.models import Payment
from saleor.product.models import ProductVariant
from saleor.warehouse.models import Stock

from marketplace.cooperatives.models import Cooperative
from tests.fixtures.services import free_port

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", 300))
THINK = float(os.environ.get("BENCH_THINK_SECONDS", 0.5))
BROWSERS, BUYERS = 50, 5
HOST = "marketplace.example.ma"
COD = "marketplace.payments.cash_on_delivery"
PRODUCTS = """{ products(first: 24) { edges { node { id name
  pricing { priceRange { start { gross { amount currency } } } }
  thumbnail { url } } } } }"""
ADDRESS = {
    "firstName": "Salma", "lastName": "Bennani", "streetAddress1": "12 rue Talaa Kebira",
    "city": "FES", "postalCode": "30000", "country": "MA", "phone": "+212612345678",
}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.durations = {"browse": [], "checkout": []}
        self.errors = []
        self.orders = []

    def record(self, kind, duration):
        with self.lock:
            self.durations[kind].append(duration)

    def error(self, message):
        with self.lock:
            self.errors.append(message)


class Client:
    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, path, body=None):
        headers = {"Host": HOST, "Accept-Language": "fr"}
        if body is not None:
            body = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            raise

    def graphql(self, query, variables=None):
        status, body = self.request("POST", "/graphql/", {"query": query,
                                                          "variables": variables or {}})
        data = json.loads(body)
        if status != 200 or data.get("errors"):
            raise AssertionError(f"GraphQL {status}: {data.get('errors')}")
        return data["data"]


def timed(stats, kind, action):
    started = time.perf_counter()
    try:
        result = action()
    except Exception as error:  # noqa: BLE001 - every failure is counted and shown
        stats.error(f"{kind}: {error!r}"[:300])
        return None
    stats.record(kind, time.perf_counter() - started)
    return result


def browse(port, paths, stats, stop):
    client, rng = Client(port), random.Random()
    while not stop.is_set():
        path = rng.choice(paths)

        def visit(path=path):
            if path == "graphql":
                client.graphql(PRODUCTS)
                return
            status, _body = client.request("GET", path)
            if status != 200:
                raise AssertionError(f"GET {path}: {status}")

        timed(stats, "browse", visit)
        stop.wait(THINK * rng.uniform(0.5, 1.5))


def buy_once(client, variant_id, number):
    created = client.graphql(
        """mutation($email: String!, $lines: [CheckoutLineInput]!, $address: AddressInput!) {
             checkoutCreate(input: {email: $email, lines: $lines,
                                    shippingAddress: $address, billingAddress: $address}) {
               checkout { token availableShippingMethods { id }
                          totalPrice { gross { amount } } }
               checkoutErrors { field code } } }""",
        {"email": f"bench-{number}@example.ma", "address": ADDRESS,
         "lines": [{"variantId": variant_id, "quantity": 1}]},
    )["checkoutCreate"]
    assert created["checkoutErrors"] == [], created["checkoutErrors"]
    checkout = to_global_id("Checkout", created["checkout"]["token"])
    shipping = client.graphql(
        """mutation($id: ID!, $method: ID!) { checkoutShippingMethodUpdate(
             checkoutId: $id, shippingMethodId: $method) {
             checkout { totalPrice { gross { amount } } } checkoutErrors { code } } }""",
        {"id": checkout, "method": created["checkout"]["availableShippingMethods"][0]["id"]},
    )["checkoutShippingMethodUpdate"]
    assert shipping["checkoutErrors"] == [], shipping["checkoutErrors"]
    total = shipping["checkout"]["totalPrice"]["gross"]["amount"]
    payment = client.graphql(
        """mutation($id: ID!, $amount: Decimal) { checkoutPaymentCreate(checkoutId: $id,
             input: {gateway: "marketplace.payments.cash_on_delivery", token: "cash",
                     amount: $amount}) { paymentErrors { code } } }""",
        {"id": checkout, "amount": total},
    )["checkoutPaymentCreate"]
    assert payment["paymentErrors"] == [], payment["paymentErrors"]
    completed = client.graphql(
        """mutation($id: ID!) { checkoutComplete(checkoutId: $id) {
             order { token } checkoutErrors { code message } } }""",
        {"id": checkout},
    )["checkoutComplete"]
    assert completed["checkoutErrors"] == [], completed["checkoutErrors"]
    return completed["order"]["token"]


def buy(port, variants, stats, stop, buyer):
    client, rng, number = Client(port), random.Random(buyer), 0
    while not stop.is_set():
        number += 1
        token = timed(
            stats, "checkout",
            lambda number=number: buy_once(client, rng.choice(variants), f"{buyer}-{number}"),
        )
        if token:
            with stats.lock:
                stats.orders.append(token)
        stop.wait(THINK * rng.uniform(0.5, 1.5))


def percentiles(durations):
    ordered = sorted(durations)
    if not ordered:
        return "no request"
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
            f"{len(ordered) / SECONDS:.1f}/s ({len(ordered)} in {SECONDS:.0f} s)")


@pytest.fixture
def demo_shop(monkeypatch):
    for variable in ("DEMO_ADMIN_PASSWORD", "DEMO_CUSTOMER_PASSWORD", "DEMO_COOPERATIVE_PASSWORD"):
        monkeypatch.setenv(variable, "bench-only-password-1234")
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # Enough stock that five buyers for five minutes never sell out.
    Stock.objects.update(quantity=1_000_000)
    variants = [
        to_global_id("ProductVariant", pk)
        for pk in ProductVariant.objects.filter(
            product__is_published=True, stocks__isnull=False
        ).values_list("pk", flat=True).distinct()
    ]
    paths = ["/", "/ar/", "/en/", "/cooperatives/", "/ar/cooperatives/", "graphql", "graphql"]
    paths += [f"/cooperatives/{slug}/" for slug in
              Cooperative.objects.approved().values_list("slug", flat=True)[:10]]
    return variants, paths


@pytest.fixture
def production_server(demo_shop):
    database = connection.settings_dict
    port = free_port()
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()
    command = json.loads(dockerfile.split("\nCMD ", 1)[1].splitlines()[0])
    env = {
        **{k: v for k, v in os.environ.items()
           if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "PYTEST_CURRENT_TEST",
                        "CELERY_BROKER_URL"}},
        "SECRET_KEY": "bench-" + "s" * 60,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
                        f"/{database['NAME']}",
        "ALLOWED_HOSTS": HOST, "ALLOWED_CLIENT_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "False",  # TLS ends at the proxy in front
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "3"),
        "GUNICORN_THREADS": os.environ.get("GUNICORN_THREADS", "4"),
    }
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / command[0]), *command[1:],
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped"
        try:
            if Client(port).request("GET", "/healthz/")[0] == 200:
                break
        except OSError:
            time.sleep(0.3)
    yield port
    process.terminate()
    process.wait(30)


def test_bench_50_shoppers_browse_while_5_check_out_cash_on_delivery(
    demo_shop, production_server
):
    # given
    variants, paths = demo_shop
    stats, stop = Stats(), threading.Event()
    threads = [threading.Thread(target=browse, args=(production_server, paths, stats, stop))
               for _ in range(BROWSERS)]
    threads += [threading.Thread(target=buy, args=(production_server, variants, stats, stop, n))
                for n in range(BUYERS)]

    # when
    for thread in threads:
        thread.start()
    time.sleep(SECONDS)
    stop.set()
    for thread in threads:
        thread.join(120)

    # then
    print(f"\nbrowsing ({BROWSERS} shoppers): {percentiles(stats.durations['browse'])}")
    print(f"checkout ({BUYERS} buyers, 4 API calls each): "
          f"{percentiles(stats.durations['checkout'])}")
    print(f"errors: {len(stats.errors)}; orders confirmed: {len(stats.orders)}")
    assert stats.errors == [], stats.errors[:5]
    assert stats.orders, "no checkout completed"
    stored = set(Order.objects.filter(token__in=stats.orders).values_list("token", flat=True))
    assert {str(token) for token in stored} == set(stats.orders), "an order was lost"
    assert Payment.objects.filter(order__token__in=stats.orders, gateway=COD).count() == len(
        stats.orders
    )
