from django.urls import path

from . import backoffice_views as views
from . import reports

app_name = "fairs-backoffice"

urlpatterns = [
    path("", views.fair_list, name="fairs"),
    path("new/", views.fair_create, name="fair-create"),
    path("stops/<int:pk>/", views.stop_detail, name="stop"),
    path("stops/<int:pk>/publish/", views.stop_publish, name="stop-publish"),
    path("stops/<int:pk>/done/", views.stop_complete, name="stop-done"),
    path("stops/<int:pk>/cancel/", views.stop_cancel, name="stop-cancel"),
    path("stops/<int:pk>/collection/", views.collection_update, name="collection-update"),
    path("stops/<int:pk>/report/", reports.stop_report, name="stop-report"),
    path("stops/<int:pk>/report.csv", reports.stop_report_csv, name="stop-report-csv"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application-decide"),
    path("cooperatives/<slug:slug>/", views.cooperative_fairs, name="cooperative"),
    path(
        "cooperatives/<slug:slug>/stops/<int:pk>/apply/",
        views.cooperative_apply,
        name="cooperative-apply",
    ),
    path(
        "cooperatives/<slug:slug>/applications/<int:pk>/withdraw/",
        views.cooperative_withdraw,
        name="cooperative-withdraw",
    ),
    path("<slug:slug>/", views.fair_detail, name="fair"),
    path("<slug:slug>/publish/", views.fair_publish, name="fair-publish"),
    path("<slug:slug>/archive/", views.fair_archive, name="fair-archive"),
    path("<slug:slug>/stops/new/", views.stop_create, name="stop-create"),
    path("<slug:slug>/report/", reports.season_report, name="season-report"),
    path("<slug:slug>/report.csv", reports.season_report_csv, name="season-report-csv"),
]
