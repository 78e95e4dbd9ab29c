"""Payment reports, under /backoffice/payments/ (``backoffice`` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("reconciliation/", views.reconciliation, name="payments-reconciliation"),
    path("reconciliation/csv/", views.reconciliation_export, name="payments-reconciliation-csv"),
]
