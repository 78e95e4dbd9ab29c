"""Cash on delivery actions, under /backoffice/cooperatives/ (``backoffice`` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "<slug:slug>/orders/<int:order_pk>/cash-received/",
        views.cash_received,
        name="cooperative-order-cash-received",
    ),
    path(
        "<slug:slug>/orders/<int:order_pk>/parcel-refused/",
        views.parcel_refused,
        name="cooperative-order-parcel-refused",
    ),
]
