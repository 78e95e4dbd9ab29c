"""The packaging-label page, under /backoffice/cooperatives/ (``backoffice`` namespace)."""

from django.urls import path

from . import packaging_views

urlpatterns = [
    path(
        "<slug:slug>/products/<int:product_id>/packaging-label/",
        packaging_views.packaging_label,
        name="cooperative-packaging-label",
    ),
]
