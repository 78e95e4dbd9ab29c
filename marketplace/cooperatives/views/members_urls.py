"""Members and invitations, under /backoffice/cooperatives/ (``backoffice`` namespace)."""

from django.urls import path

from . import members

urlpatterns = [
    path("<slug:slug>/members/", members.members, name="cooperative-members"),
    path("<slug:slug>/members/invite/", members.invite, name="cooperative-member-invite"),
    path(
        "<slug:slug>/members/<int:pk>/remove/",
        members.remove,
        name="cooperative-member-remove",
    ),
    path(
        "<slug:slug>/invitations/<int:pk>/revoke/",
        members.revoke,
        name="cooperative-invitation-revoke",
    ),
    path("invitations/<str:token>/", members.accept, name="cooperative-invitation-accept"),
]
