"""Pickup pages: the shopper's choice after a cancelled stop, and the lists at the stop."""

from django.urls import path

from . import views

app_name = "fairs_pickup"

urlpatterns = [
    path("pickup/orders/<uuid:token>/", views.choose, name="choose"),
    path("backoffice/pickup/stops/<int:stop_pk>/", views.stop_lists, name="stop-lists"),
    path(
        "backoffice/pickup/stops/<int:stop_pk>/cooperatives/<slug:slug>/",
        views.cooperative_list,
        name="cooperative-list",
    ),
    path(
        "backoffice/pickup/stops/<int:stop_pk>/cooperatives/<slug:slug>/pickup-list.pdf",
        views.cooperative_list_pdf,
        name="cooperative-list-pdf",
    ),
    path("backoffice/pickup/orders/<int:order_pk>/collect/", views.collect, name="collect"),
]
