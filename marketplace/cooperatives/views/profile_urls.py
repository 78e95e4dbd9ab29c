"""The cooperative's public profile settings, under /backoffice/cooperatives/ (``backoffice``)."""

from django.urls import path

from . import profile

urlpatterns = [
    path(
        "<slug:slug>/public-contact/",
        profile.public_contact,
        name="cooperative-public-contact",
    ),
]
