"""A cooperative's application, under /backoffice/cooperatives/ (``backoffice`` namespace)."""

from django.urls import path, register_converter

from ..services.onboarding import RESERVED_SLUGS
from . import onboarding


class CooperativeSlugConverter:
    """A cooperative's slug, never one of the words other pages here start with.

    The status page sits at ``<slug>/``, in front of other one-segment pages
    of this URL space (``review/``…): for those words this pattern does not
    match, so resolution moves on; no cooperative is given such a slug.
    """

    regex = "[-a-zA-Z0-9_]+"

    def to_python(self, value):
        if value in RESERVED_SLUGS:
            raise ValueError(value)
        return value

    def to_url(self, value):
        return value


register_converter(CooperativeSlugConverter, "cooperative_slug")

urlpatterns = [
    path("apply/", onboarding.apply, name="cooperative-apply"),
    path(
        "documents/<str:token>/",
        onboarding.document_download,
        name="cooperative-document-download",
    ),
    path(
        "<slug:slug>/application/<str:step>/",
        onboarding.application_step,
        name="cooperative-application-step",
    ),
    path("<cooperative_slug:slug>/", onboarding.status, name="cooperative-status"),
]
