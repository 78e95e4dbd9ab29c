"""Settings: Saleor's, then ours, read from the environment (12-factor).

Every variable is listed in the README. Production mode is ``DEBUG=False``
(the default); ``make run`` and the tests switch debug on explicitly.
"""

import os
import warnings
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Saleor's settings read DEBUG and SECRET_KEY on import: decide both first so
# that the two modules agree (production, DEBUG off, is the default).
os.environ.setdefault("DEBUG", "False")
_debug = os.environ["DEBUG"].strip().lower() in {"1", "true", "yes"}
os.environ["DEBUG"] = str(_debug)
if not os.environ.get("SECRET_KEY"):
    if not _debug:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off: export a long random string, e.g. "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    os.environ["SECRET_KEY"] = "insecure-debug-only-key"  # noqa: S105 - debug only
# The others production cannot guess (deploy/.env.example documents them all).
REQUIRED_IN_PRODUCTION = {
    "DATABASE_URL": "postgres://user:password@host:5432/name (PgBouncer's address in deploy/)",
    "ALLOWED_HOSTS": "the site's host names, comma-separated",
    "ALLOWED_CLIENT_HOSTS": "the storefront host names allowed in e-mail links, comma-separated",
}
for _name, _example in REQUIRED_IN_PRODUCTION.items():
    if not _debug and not os.environ.get(_name, "").strip():
        raise ImproperlyConfigured(f"{_name} must be set when DEBUG is off: {_example}.")
# django-countries 6 imports pkg_resources (pinned setuptools<81 keeps it working).
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

# One source of time-zone data for the whole process: IANA's 2026 release as
# locked (the `tzdata` package; pytz 2026.6 bundles the same release in the
# older file format it reads). Debian's system files are older and disagree
# about Morocco from 2026-09-20, so libc (`date.today()`, which Saleor's
# `published()` uses) reads the package through TZDIR, and so does zoneinfo.
import zoneinfo  # noqa: E402

import tzdata  # noqa: E402

TZDATA_DIR = str(Path(tzdata.__file__).resolve().parent / "zoneinfo")
os.environ["TZDIR"] = TZDATA_DIR
zoneinfo.reset_tzpath(to=(TZDATA_DIR,))

from saleor.settings import *  # noqa: E402,F401,F403
from saleor.settings import (  # noqa: E402
    INSTALLED_APPS,
    MIDDLEWARE,
    TEMPLATES,
    get_bool_from_env,
    get_list,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DEBUG = _debug
SECRET_KEY = os.environ["SECRET_KEY"]

ALLOWED_HOSTS = get_list(os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1"))

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

# Each serving thread keeps at most one connection for DB_CONN_MAX_AGE seconds:
# the servers are bounded (workers × threads), so PostgreSQL's max_connections
# must exceed their sum over every process; deploy/README.md sizes the pool.
DATABASES = {
    "default": dj_database_url.config(
        default="postgres://terroir@127.0.0.1:5432/terroir",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", 60)),
    )
}
DATABASES["default"]["ENGINE"] = "marketplace.db"
# PgBouncer in transaction mode cannot keep a server-side cursor across statements.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = get_bool_from_env(
    "DB_DISABLE_SERVER_SIDE_CURSORS", False
)

LOGIN_URL = "storefront:login"
LOGIN_REDIRECT_URL = "storefront:account"
LOGOUT_REDIRECT_URL = "storefront:home"

# Morocco.
DEFAULT_COUNTRY = os.environ.get("DEFAULT_COUNTRY", "MA")
DEFAULT_CURRENCY = os.environ.get("DEFAULT_CURRENCY", "MAD")
AVAILABLE_CURRENCIES = [DEFAULT_CURRENCY]
DEFAULT_DECIMAL_PLACES = 2
TIME_ZONE = "Africa/Casablanca"
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [str(BASE_DIR / "locale")]
# Day/month/year and a 24-hour clock in every language (Django's Arabic and
# English defaults print the US month-first order).
FORMAT_MODULE_PATH = ["marketplace.formats"]
PHONENUMBER_DEFAULT_REGION = "MA"

# Media: local files under the project by default, S3 (or Google Cloud Storage)
# when a media bucket is set, as Saleor's settings decide, through our classes.
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / ".data" / "media"))
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / ".data" / "static"))
STATICFILES_DIRS = []
# Static files under content-hashed names, served by WhiteNoise with a
# far-future immutable cache and pre-compressed (gzip, brotli) copies.
# Debug (make run, the tests) serves them as they are, without collectstatic.
if not DEBUG and not (AWS_STORAGE_BUCKET_NAME or GS_STORAGE_BUCKET_NAME):  # noqa: F405
    STATICFILES_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
# In debug WhiteNoise finds files through the finders; no collected folder is expected.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
# Anonymous pages may be kept this many seconds by browsers and shared caches.
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("PUBLIC_PAGE_MAX_AGE", 60))
# Public media hold only decoded images under names we choose (never the uploader's).
if AWS_MEDIA_BUCKET_NAME:  # noqa: F405
    DEFAULT_FILE_STORAGE = "marketplace.core.cloud_storages.S3MediaStorage"
elif GS_MEDIA_BUCKET_NAME:  # noqa: F405
    DEFAULT_FILE_STORAGE = "marketplace.core.cloud_storages.GCSMediaStorage"
else:
    DEFAULT_FILE_STORAGE = "marketplace.core.storages.MediaStorage"
THUMBNAIL_DEFAULT_STORAGE = DEFAULT_FILE_STORAGE

TEMPLATES[0]["DIRS"] = [str(BASE_DIR / "marketplace" / "templates")]
TEMPLATES[0]["OPTIONS"]["debug"] = DEBUG
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = ""
TEMPLATES[0]["OPTIONS"]["context_processors"] += [
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "storefront.basket.basket_count",
]

INSTALLED_APPS = [
    *INSTALLED_APPS,
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.forms",  # Saleor's FORM_RENDERER (TemplatesSetting) finds widget templates here
    "marketplace.core.apps.CoreConfig",
    "marketplace.cooperatives.apps.CooperativesConfig",
    "catalog_extensions.labels.apps.LabelsConfig",
    "catalog_extensions.origin.apps.OriginConfig",
    "marketplace.orders.apps.OrdersConfig",
    "marketplace.payments.cash.apps.CashOnDeliveryConfig",
    "marketplace.payments.stripe.apps.StripePaymentsConfig",
    "marketplace.backoffice.apps.BackofficeConfig",
    "catalog_extensions.search.apps.SearchConfig",
    "marketplace.fairs.apps.FairsConfig",
    "marketplace.fairs.pickup.apps.PickupConfig",
    "storefront.apps.StorefrontConfig",
    "storefront.pagecache.apps.PageCacheConfig",
]

MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "marketplace.core.compression.PaddedGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "storefront.transport.CacheHeadersMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "storefront.languages.PreferredLanguageMiddleware",
    "marketplace.core.middleware.ApiLanguageMiddleware",
    *MIDDLEWARE[1:],
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Saleor's sample gateways (Braintree, Razorpay, its Stripe) are not ours; the
# dummy gateway lets the demo complete a checkout and never runs in production.
PLUGINS = ["saleor.plugins.webhook.plugin.WebhookPlugin"]
if DEBUG:
    PLUGINS.append("saleor.payment.gateways.dummy.plugin.DummyGatewayPlugin")
PLUGINS.append("marketplace.cooperatives.plugin.CooperativeMarketplacePlugin")
# Cash on delivery is how most online orders in Morocco are paid: on everywhere.
PLUGINS.append("marketplace.payments.cash.plugin.CashOnDeliveryGatewayPlugin")
PLUGINS.append("marketplace.fairs.pickup.plugin.FairPickupPlugin")
PLUGINS.append("catalog_extensions.search.plugin.SearchFreshnessPlugin")

# Sessions (back office, storefront) first: Saleor's JWT backend cannot
# restore a user from a session, only from a request's token.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "graphql_jwt.backends.JSONWebTokenBackend",
]

# Tasks run in-process unless a broker is configured.
# Catalogue search: "postgresql" (default) or "elasticsearch" (needs ELASTICSEARCH_URL).
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "postgresql")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "terroir-products")
# Elasticsearch is written after commit by a task that retries while the cluster is
# unreachable: first after about SEARCH_INDEX_RETRY_BACKOFF seconds, doubling up to
# SEARCH_INDEX_RETRY_BACKOFF_MAX (keep it under the broker's visibility_timeout),
# then a FailedTask names the products (defaults: 10 retries over 14 to 27 minutes).
SEARCH_INDEX_MAX_RETRIES = int(os.environ.get("SEARCH_INDEX_MAX_RETRIES", 10))
SEARCH_INDEX_RETRY_BACKOFF = float(os.environ.get("SEARCH_INDEX_RETRY_BACKOFF", 2))
SEARCH_INDEX_RETRY_BACKOFF_MAX = float(os.environ.get("SEARCH_INDEX_RETRY_BACKOFF_MAX", 600))

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TIMEZONE = TIME_ZONE

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else EMAIL_BACKEND,  # noqa: F405
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "marketplace@terroir-fes-meknes.ma")

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
# HTTPS is the production default. Behind a proxy that terminates TLS, set
# SECURE_PROXY_SSL_HEADER to the header it sets (e.g. HTTP_X_FORWARDED_PROTO);
# turn the redirect off only if that proxy already redirects plain HTTP.
SECURE_SSL_REDIRECT = get_bool_from_env("SECURE_SSL_REDIRECT", not DEBUG)
# Saleor trusts X-Forwarded-Proto unconditionally; a client could then pose as HTTPS.
SECURE_PROXY_SSL_HEADER = (
    (os.environ["SECURE_PROXY_SSL_HEADER"], "https")
    if os.environ.get("SECURE_PROXY_SSL_HEADER")
    else None
)
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", 3600))
SECURE_HSTS_INCLUDE_SUBDOMAINS = get_bool_from_env("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = get_bool_from_env("SECURE_HSTS_PRELOAD", False)
# Preloading HSTS is an irreversible decision for the council's domain, not a default.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Absolute address of the site, for links in e-mails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Private files (cooperative documents): never served publicly.
PRIVATE_MEDIA_ROOT = os.environ.get("PRIVATE_MEDIA_ROOT", str(BASE_DIR / ".data" / "private"))
AWS_PRIVATE_BUCKET_NAME = os.environ.get("AWS_PRIVATE_BUCKET_NAME", "")
PRIVATE_LINK_MAX_AGE = int(os.environ.get("PRIVATE_LINK_MAX_AGE", 300))
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024))

MARKETPLACE_FEATURES = ["storefront", "graphql"]

# WebP copies of the product thumbnails (storefront/webp.py), made with the others
# by Saleor's thumbnail task, for browsers that accept them.
VERSATILEIMAGEFIELD_RENDITION_KEY_SETS = {
    **VERSATILEIMAGEFIELD_RENDITION_KEY_SETS,  # noqa: F405
    "products": [
        *VERSATILEIMAGEFIELD_RENDITION_KEY_SETS["products"],  # noqa: F405
        *(
            (f"product_webp_{size}", f"thumbnail_webp__{size}x{size}")
            for size in (60, 120, 255, 510, 540, 1080)
        ),
    ],
}

# Seconds a rendered shop page part is kept; any catalogue change makes it unused at once
# (storefront/pagecache). 0 turns the page cache off.
STOREFRONT_PAGE_CACHE_SECONDS = int(os.environ.get("STOREFRONT_PAGE_CACHE_SECONDS", 600))

# API limits
# Log-in, sign-up, password resets and applications, on the pages and over
# GraphQL alike: "limit/seconds" per client address and per account (e-mail).
# Log-ins count failures only; the others count every attempt (they send e-mail).


def _rate(name, default):
    limit, _slash, window = os.environ.get(name, default).partition("/")
    return int(limit), int(window)


RATE_LIMITS = {
    "login": {
        "ip": _rate("RATE_LIMIT_LOGIN_PER_IP", "30/900"),
        "account": _rate("RATE_LIMIT_LOGIN_PER_ACCOUNT", "10/900"),
    },
    "signup": {
        "ip": _rate("RATE_LIMIT_SIGNUP_PER_IP", "5/3600"),
        "account": _rate("RATE_LIMIT_SIGNUP_PER_ACCOUNT", "3/3600"),
    },
    "password-reset": {
        "ip": _rate("RATE_LIMIT_PASSWORD_RESET_PER_IP", "5/3600"),
        "account": _rate("RATE_LIMIT_PASSWORD_RESET_PER_ACCOUNT", "3/3600"),
    },
    "cooperative-apply": {
        "ip": _rate("RATE_LIMIT_APPLY_PER_IP", "5/3600"),
        "account": _rate("RATE_LIMIT_APPLY_PER_ACCOUNT", "5/3600"),
    },
    # Links from e-mails (account confirmation, password reset) carry a token
    # checked against the account: only failed checks count.
    "account-token": {
        "ip": _rate("RATE_LIMIT_ACCOUNT_TOKEN_PER_IP", "30/900"),
        "account": _rate("RATE_LIMIT_ACCOUNT_TOKEN_PER_ACCOUNT", "10/900"),
    },
    # A signed-in shopper's current password, asked again before a change:
    # only wrong passwords count.
    "password-check": {
        "ip": _rate("RATE_LIMIT_PASSWORD_CHECK_PER_IP", "30/900"),
        "account": _rate("RATE_LIMIT_PASSWORD_CHECK_PER_ACCOUNT", "10/900"),
    },
    # Requests that send an e-mail from a signed-in account (e-mail change, deletion).
    "account-email": {
        "ip": _rate("RATE_LIMIT_ACCOUNT_EMAIL_PER_IP", "10/3600"),
        "account": _rate("RATE_LIMIT_ACCOUNT_EMAIL_PER_ACCOUNT", "5/3600"),
    },
    # Laying out a sticker sheet costs seconds of CPU.
    "packaging-label": {
        "ip": _rate("RATE_LIMIT_PACKAGING_LABEL_PER_IP", "60/3600"),
        "account": _rate("RATE_LIMIT_PACKAGING_LABEL_PER_ACCOUNT", "30/3600"),
    },
}
# Number of reverse proxies in front of the site that append to
# X-Forwarded-For; 0 (the default) trusts no header and counts REMOTE_ADDR.
RATE_LIMIT_TRUSTED_PROXIES = int(os.environ.get("RATE_LIMIT_TRUSTED_PROXIES", 0))

# GraphQL documents are measured before they run (a batch counts as its sum):
# nesting depth (connection edges/node not counted), aliases, and cost, the
# estimated number of fields resolved (a connection multiplies its children by
# first/last). Staff tokens get the STAFF budgets.
GRAPHQL_MAX_DEPTH = int(os.environ.get("GRAPHQL_MAX_DEPTH", 10))
GRAPHQL_MAX_ALIASES = int(os.environ.get("GRAPHQL_MAX_ALIASES", 30))
GRAPHQL_MAX_COST = int(os.environ.get("GRAPHQL_MAX_COST", 10000))
GRAPHQL_STAFF_MAX_COST = int(os.environ.get("GRAPHQL_STAFF_MAX_COST", 50000))
# Seconds a /graphql/ request may run: no field is resolved past it, and it
# is the PostgreSQL statement_timeout of requests that only read.
GRAPHQL_TIME_BUDGET = float(os.environ.get("GRAPHQL_TIME_BUDGET", 10))
GRAPHQL_STAFF_TIME_BUDGET = float(os.environ.get("GRAPHQL_STAFF_TIME_BUDGET", 30))
# Seconds an anonymous catalogue answer (products, catalogueSearch…) is kept
# (marketplace/core/graphql/answers.py); any catalogue write retires it at
# once, so this only bounds what changes by the clock. 0 turns it off.
GRAPHQL_CATALOGUE_CACHE_SECONDS = int(os.environ.get("GRAPHQL_CATALOGUE_CACHE_SECONDS", 60))
# The playground loads its scripts from a CDN into our origin: debug only
# unless asked for. /graphql/ takes only JWT (Authorization header), never
# the session cookie, so a page elsewhere cannot act as the signed-in user.
PLAYGROUND_ENABLED = get_bool_from_env("PLAYGROUND_ENABLED", DEBUG)

# Stripe
# Cards are offered only when both keys are set. STRIPE_API_BASE points
# stripe-python elsewhere (the local stand-in in tests). Manual capture
# authorises at checkout and captures when the first parcel ships.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
STRIPE_AUTO_CAPTURE = get_bool_from_env("STRIPE_AUTO_CAPTURE", True)
STRIPE_WEBHOOK_TOLERANCE = int(os.environ.get("STRIPE_WEBHOOK_TOLERANCE", 300))
# Stripe.js, loaded only by the checkout pages that take a card; their policy allows its origin.
STRIPE_JS_URL = os.environ.get("STRIPE_JS_URL", "https://js.stripe.com/v3/")
PLUGINS.insert(
    PLUGINS.index("marketplace.cooperatives.plugin.CooperativeMarketplacePlugin"),
    "marketplace.payments.stripe.plugin.StripeGatewayPlugin",
)

# Production (deploy/)
# Every variable read here is documented in deploy/.env.example and set in
# the Kubernetes ConfigMap or Secret (tests/deploy/test_manifests.py).

# Django 3.0 has no Redis cache backend of its own (django-cache-url names
# Django 4's): CACHE_URL=redis://… goes through django-redis.
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":  # noqa: F405
    CACHES["default"]["BACKEND"] = "django_redis.cache.RedisCache"  # noqa: F405

# Objects on S3 (public media, private documents) are signed with SigV4;
# S3-compatible servers (SeaweedFS, MinIO) want path-style addresses.
AWS_S3_SIGNATURE_VERSION = "s3v4"
# An empty variable (as a ConfigMap lists it) means "not set", as for Saleor's None.
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_DEFAULT_ACL = os.environ.get("AWS_DEFAULT_ACL") or None
AWS_MEDIA_CUSTOM_DOMAIN = os.environ.get("AWS_MEDIA_CUSTOM_DOMAIN") or None
AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE", "auto")
# Media URLs on AWS_MEDIA_CUSTOM_DOMAIN (a CDN, or nginx's /media/) are https.
AWS_S3_URL_PROTOCOL = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
# Public media names are random and never rewritten, so a year is safe.
AWS_MEDIA_CACHE_CONTROL = os.environ.get(
    "AWS_MEDIA_CACHE_CONTROL", "public, max-age=31536000, immutable"
)

# Content-Security-Policy of every page (marketplace.core.csp): the site runs
# no script of its own and only stylesheets from its static files.
CONTENT_SECURITY_POLICY = os.environ.get(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
MIDDLEWARE.insert(1, "marketplace.core.csp.ContentSecurityPolicyMiddleware")

# Logs: one JSON object a line in production (for the platform's collector),
# readable lines in debug. SENTRY_DSN (Saleor's settings) turns Sentry on.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "marketplace.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"level": LOG_LEVEL, "handlers": ["console"]},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "graphql.execution.utils": {"handlers": ["null"], "propagate": False},
    },
}

# Celery: a task is acknowledged after it ran, so a worker lost mid-task
# hands it to another; one task at a time per process keeps latency fair.
# A task that fails after its retries is kept as a FailedTask row.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE = {
    # Just after midnight in Morocco: a certification valid until D ends with D.
    "labels-expire-certifications": {
        "task": "catalog_extensions.labels.tasks.expire_certifications",
        "schedule": crontab(hour=0, minute=5),
    },
    "expire-pickup-choices": {
        "task": "marketplace.fairs.pickup.tasks.expire_pickup_choices",
        "schedule": 6 * 3600,  # seconds; the 7-day grace needs no finer tick
    },
    "sweep-orphaned-files": {
        "task": "marketplace.operations.tasks.sweep_orphaned_files",
        "schedule": 24 * 3600,
    },
    "prune-stripe-events": {
        "task": "marketplace.payments.stripe.tasks.prune_stripe_events",
        "schedule": crontab(hour=3, minute=30),
    },
    "search-reconcile-documents": {
        "task": "catalog_extensions.search.tasks.reconcile_search_documents",
        "schedule": 15 * 60,  # seconds; catches writes made behind the signals' back
    },
}
# Stored files no row references are removed after this many seconds: longer
# than any upload transaction, so a file being saved is never taken.
ORPHAN_GRACE_SECONDS = int(os.environ.get("ORPHAN_GRACE_SECONDS", 24 * 3600))

# /healthz/ checks the broker only when there is one; each probe waits at most this.
# Probes call it over plain HTTP inside the cluster: it is never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
HEALTH_CHECK_TIMEOUT = float(os.environ.get("HEALTH_CHECK_TIMEOUT", 2))

INSTALLED_APPS.append("marketplace.operations.apps.OperationsConfig")
