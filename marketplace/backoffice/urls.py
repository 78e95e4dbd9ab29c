from django.urls import include, path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("cooperatives/", include("marketplace.payments.cash.urls")),
    path("cooperatives/", include("marketplace.cooperatives.urls")),
    path("cooperatives/", include("catalog_extensions.labels.packaging_urls")),
    path("payments/", include("marketplace.payments.reports.urls")),
    path("labels/", include("catalog_extensions.labels.backoffice_urls")),
]
