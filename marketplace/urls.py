from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import JavaScriptCatalog

from catalog_extensions.labels.packaging_views import packaging_label_download
from catalog_extensions.labels.qr_views import certification_qr

from .core.graphql.view import MarketplaceGraphQLView
from .core.health import healthz
from .core.media import media_urlpatterns
from .payments.stripe.views import stripe_webhook
from .schema import schema

urlpatterns = [
    # CSRF-exempt for API clients: the view takes no cookie, only a JWT header.
    path("graphql/", csrf_exempt(MarketplaceGraphQLView.as_view(schema=schema)), name="api"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("webhooks/stripe/", stripe_webhook, name="stripe-webhook"),
    path("", include("storefront.site_urls")),
    path("verify/<str:code>/qr.<str:kind>", certification_qr, name="certification-qr"),
    path(
        "labels/packaging/<str:token>.pdf",
        packaging_label_download,
        name="packaging-label-download",
    ),
    path("healthz/", healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("backoffice/fairs/", include("marketplace.fairs.planner_urls")),
    path("backoffice/fairs/", include("marketplace.fairs.backoffice_urls")),
    path("", include("marketplace.fairs.pickup.urls")),
    path("backoffice/", include("marketplace.backoffice.urls")),
    path("", include("catalog_extensions.labels.urls")),
    path("fairs/", include("marketplace.fairs.urls")),
    path("", include("storefront.urls")),
    prefix_default_language=False,
)

urlpatterns += media_urlpatterns()
