"""Back-office pages of the cooperatives domain, mounted under /backoffice/cooperatives/."""

from django.urls import include, path

urlpatterns = [
    path("", include("marketplace.cooperatives.views.review_urls")),
    path("", include("marketplace.cooperatives.views.members_urls")),
    path("", include("marketplace.cooperatives.views.shop_urls")),
    path("", include("marketplace.cooperatives.views.orders_urls")),
    path("", include("marketplace.cooperatives.views.profile_urls")),
    # Last: its `<slug>/` status page would otherwise catch one-word pages
    # (RESERVED_SLUGS keeps such words from ever being cooperative slugs).
    path("", include("marketplace.cooperatives.views.onboarding_urls")),
]
