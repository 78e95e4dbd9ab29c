"""A small catalogue of the region's products, in three languages, for search tests."""

import socket
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from saleor.product.models import Category, ProductTranslation

from catalog_extensions.search import backends
from marketplace.cooperatives.models import CooperativeProduct, CooperativeStatus
from tests.fixtures.catalogue import make_product
from tests.fixtures.cooperatives import make_cooperative

from .es_compat import PlainJsonNode


def add_product(
    *,
    product_type,
    warehouse,
    category,
    name,
    name_ar="",
    name_en="",
    description="",
    description_ar="",
    price="100.00",
    quantity=10,
    cooperative=None,
):
    product = make_product(
        product_type=product_type,
        category=category,
        warehouse=warehouse,
        name=name,
        price=price,
        quantity=quantity,
    )
    if description:
        product.description = description
        product.save()
    if name_ar or description_ar:
        ProductTranslation.objects.create(
            product=product, language_code="ar", name=name_ar or name, description=description_ar
        )
    if name_en:
        ProductTranslation.objects.create(product=product, language_code="en", name=name_en)
    if cooperative is not None:
        CooperativeProduct.objects.create(product=product, cooperative=cooperative)
    product.refresh_from_db()
    return product


@pytest.fixture
def categories(db):
    food = Category.objects.create(name="Épicerie", slug="epicerie")
    oils = Category.objects.create(name="Huiles", slug="huiles", parent=food)
    sweets = Category.objects.create(name="Douceurs", slug="douceurs", parent=food)
    crafts = Category.objects.create(name="Artisanat", slug="artisanat")
    return {"food": food, "oils": oils, "sweets": sweets, "crafts": crafts}


@pytest.fixture
def cooperatives(db):
    return {
        "sefrou": make_cooperative(
            slug="zitouna-sefrou",
            name_fr="Coopérative Zitouna",
            name_ar="تعاونية الزيتونة",
            province="sefrou",
            status=CooperativeStatus.APPROVED,
        ),
        "ifrane": make_cooperative(
            slug="nahl-ifrane",
            name_fr="Coopérative Nahl",
            name_ar="تعاونية النحل",
            province="ifrane",
            status=CooperativeStatus.APPROVED,
        ),
        "suspended": make_cooperative(
            slug="suspendue",
            name_fr="Coopérative Suspendue",
            name_ar="تعاونية موقوفة",
            province="taza",
            status=CooperativeStatus.SUSPENDED,
        ),
    }


@pytest.fixture
def shop(search_backend, product_type, warehouse, categories, cooperatives):
    """Add a product: shop(name=..., category="oils", cooperative="sefrou")."""

    def add(*, category="oils", cooperative="sefrou", **fields):
        return add_product(
            product_type=product_type,
            warehouse=warehouse,
            category=categories[category],
            cooperative=cooperatives[cooperative] if cooperative else None,
            **fields,
        )

    return add


@pytest.fixture
def catalogue(shop):
    return {
        "olive_oil": shop(
            name="Huile d'olive extra vierge",
            name_ar="زيت الزيتون البكر الممتاز",
            name_en="Extra virgin olive oil",
            price="120.00",
            description="Pressée à froid dans les vergers de Sefrou.",
        ),
        "amlou": shop(
            name="Amlou aux amandes",
            name_ar="أملو باللوز",
            name_en="Almond amlou",
            category="sweets",
            cooperative="ifrane",
            price="85.00",
        ),
        "honey": shop(
            name="Miel de thym",
            name_ar="عسل الزعتر",
            name_en="Thyme honey",
            category="sweets",
            cooperative="ifrane",
            price="240.00",
            quantity=0,
        ),
        "tajine": shop(
            name="Tajine en terre cuite",
            name_ar="طاجين من الفخار",
            name_en="Clay tajine",
            category="crafts",
            cooperative=None,
            price="300.00",
        ),
        "hidden": shop(
            name="Huile d'argan suspendue",
            name_ar="زيت أركان",
            cooperative="suspended",
            price="150.00",
        ),
    }


def price(value):
    return Decimal(value)


OSMEM = (
    Path(sys.prefix)
    / "lib"
    / "python3.11"
    / "site-packages"
    / "osmem_server"
    / "bin"
    / "osmem-server"
)


@pytest.fixture(scope="session")
def osmem_url():
    """A real OpenSearch-compatible server process (osmem-server) on a free port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [str(OSMEM), "-addr", f"127.0.0.1:{port}", "-no-stdin-watch"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(params=["postgresql", "elasticsearch"])
def search_backend(request, settings):
    """Run the test once per backend; Elasticsearch indexes synchronously here."""
    backends.reset()
    if request.param == "elasticsearch":
        url = request.getfixturevalue("osmem_url")
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.ELASTICSEARCH_URL = url
        settings.ELASTICSEARCH_INDEX = f"test-{uuid.uuid4().hex[:12]}"
        settings.ELASTICSEARCH_CLIENT_OPTIONS = {
            "node_class": PlainJsonNode,
            "request_timeout": 30,
        }
        settings.SEARCH_INDEX_ON_COMMIT = False
    yield request.param
    backends.reset()


def use_elasticsearch(settings, url, *, alias=None):
    """Point search at an Elasticsearch-compatible server, written after commit (production)."""
    backends.reset()
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_INDEX = alias or f"test-{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_CLIENT_OPTIONS = {"node_class": PlainJsonNode, "request_timeout": 30}
    settings.SEARCH_INDEX_ON_COMMIT = True


def start_osmem(port):
    """An osmem-server process on `port` (e.g. one a test first left closed)."""
    process = subprocess.Popen(
        [str(OSMEM), "-addr", f"127.0.0.1:{port}", "-no-stdin-watch"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"osmem-server did not listen on {port}")


def found_within(seconds, check, *, every=0.01):
    """Seconds until `check()` held (polling), or None if it did not within `seconds`."""
    started = time.monotonic()
    while True:
        if check():
            return time.monotonic() - started
        if time.monotonic() - started > seconds:
            return None
        time.sleep(every)
