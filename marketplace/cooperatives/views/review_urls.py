"""Council console URLs, under /backoffice/cooperatives/review/ (``backoffice`` namespace)."""

from django.urls import path

from . import review

urlpatterns = [
    path("review/", review.queue, name="cooperative-review-queue"),
    path("review/<slug:slug>/", review.detail, name="cooperative-review-detail"),
    path(
        "review/<slug:slug>/approve/",
        review.decide,
        {"action": "approve"},
        name="cooperative-review-approve",
    ),
    path(
        "review/<slug:slug>/reject/",
        review.decide,
        {"action": "reject"},
        name="cooperative-review-reject",
    ),
    path(
        "review/<slug:slug>/request-changes/",
        review.decide,
        {"action": "request_changes"},
        name="cooperative-review-request-changes",
    ),
    path(
        "review/<slug:slug>/suspend/",
        review.decide,
        {"action": "suspend"},
        name="cooperative-review-suspend",
    ),
    path(
        "review/<slug:slug>/reinstate/",
        review.decide,
        {"action": "reinstate"},
        name="cooperative-review-reinstate",
    ),
]
