"""Test settings: the project's, in debug, against a throwaway PostgreSQL.

Importing this module starts the test cluster (once per machine; xdist
workers and later runs reuse it), unless DATABASE_URL is already set.
"""

import atexit
import os
import sys
from pathlib import Path

os.environ.setdefault("DEBUG", "True")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")

if not os.environ.get("DATABASE_URL"):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "deploy" / "local"))
    import pg  # noqa: E402

    _lease = pg.Lease(pg.Cluster("test"))
    os.environ["DATABASE_URL"] = _lease.acquire(fast=True)
    atexit.register(_lease.release)

from marketplace.settings import *  # noqa: E402,F401,F403
from marketplace.settings import BASE_DIR, VERSATILEIMAGEFIELD_SETTINGS  # noqa: E402

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Eager unless a test starts a real worker (tests/fixtures/services.py).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
MEDIA_ROOT = str(BASE_DIR / ".data" / "test-media")
VERSATILEIMAGEFIELD_SETTINGS = {**VERSATILEIMAGEFIELD_SETTINGS, "create_images_on_demand": True}
PLUGINS = [
    "saleor.payment.gateways.dummy.plugin.DummyGatewayPlugin",
    "marketplace.payments.stripe.plugin.StripeGatewayPlugin",
    "marketplace.cooperatives.plugin.CooperativeMarketplacePlugin",
    "marketplace.payments.cash.plugin.CashOnDeliveryGatewayPlugin",
    "marketplace.fairs.pickup.plugin.FairPickupPlugin",
    "catalog_extensions.search.plugin.SearchFreshnessPlugin",
]
# Tests never reach the real Stripe: cards are off unless a test configures the stand-in.
STRIPE_SECRET_KEY = STRIPE_PUBLISHABLE_KEY = STRIPE_WEBHOOK_SECRET = ""
STRIPE_API_BASE = "http://127.0.0.1:9"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The catalogue version moves at commit, and most tests never commit: pages would be
# shared across tests. The page-cache tests turn it on (tests/storefront/conftest.py).
STOREFRONT_PAGE_CACHE_SECONDS = 0
# Tests that commit turn it on (tests/core/test_catalogue_answers.py): under a
# rolled-back test transaction the catalogue version never moves.
GRAPHQL_CATALOGUE_CACHE_SECONDS = 0

# Parallel developers on one machine each get their own test database.
if os.environ.get("TEST_DB_SUFFIX"):
    DATABASES["default"]["TEST"] = {"NAME": f"test_terroir_{os.environ['TEST_DB_SUFFIX']}"}  # noqa: F405
