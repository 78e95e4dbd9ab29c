"""A cooperative's shop pages, under /backoffice/cooperatives/ (``backoffice`` namespace)."""

from django.urls import path

from . import shop

urlpatterns = [
    path("<slug:slug>/products/", shop.product_list, name="cooperative-products"),
    path("<slug:slug>/products/new/", shop.product_create, name="cooperative-product-create"),
    path(
        "<slug:slug>/products/<int:product_id>/",
        shop.product_edit,
        name="cooperative-product-edit",
    ),
    path(
        "<slug:slug>/products/<int:product_id>/delete/",
        shop.product_delete,
        name="cooperative-product-delete",
    ),
    path("<slug:slug>/imports/new/", shop.import_new, name="cooperative-import-create"),
    path(
        "<slug:slug>/imports/template.csv",
        shop.import_template,
        name="cooperative-import-template",
    ),
    path(
        "<slug:slug>/imports/<int:import_id>/",
        shop.import_detail,
        name="cooperative-import-detail",
    ),
]
