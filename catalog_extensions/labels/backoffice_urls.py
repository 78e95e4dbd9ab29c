"""Back-office pages of labels and origin, under /backoffice/labels/ (``backoffice`` namespace)."""

from django.urls import path

from . import backoffice_views as views

urlpatterns = [
    path("registry/", views.registry, name="labels-registry"),
    path("registry/new/", views.label_edit, name="labels-label-create"),
    path("registry/<slug:slug>/", views.label_edit, name="labels-label-edit"),
    path("claims/", views.claims, name="labels-claims"),
    path(
        "certificates/<str:token>/",
        views.certificate_download,
        name="labels-certificate-download",
    ),
    path("claims/<int:pk>/", views.claim_detail, name="labels-claim-detail"),
    path(
        "claims/<int:pk>/verify/",
        views.claim_decide,
        {"action": "verify"},
        name="labels-claim-verify",
    ),
    path(
        "claims/<int:pk>/reject/",
        views.claim_decide,
        {"action": "reject"},
        name="labels-claim-reject",
    ),
    path(
        "claims/<int:pk>/revoke/",
        views.claim_decide,
        {"action": "revoke"},
        name="labels-claim-revoke",
    ),
    path(
        "cooperatives/<slug:slug>/certifications/",
        views.cooperative_certifications,
        name="labels-certifications",
    ),
    path(
        "cooperatives/<slug:slug>/products/<int:product_id>/origin/",
        views.product_origin,
        name="labels-product-origin",
    ),
]
