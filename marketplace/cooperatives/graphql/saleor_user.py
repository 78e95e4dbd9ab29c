"""Adds ``cooperatives`` to Saleor's ``User`` GraphQL type, so ``me { cooperatives }`` works.

This reaches into Saleor internals: Saleor 2.10's ``me`` returns
``saleor.graphql.account.types.User``, a graphene 2 ObjectType whose fields
live in the ordered dict ``User._meta.fields`` until a schema is built from
it. We add one mounted ``graphene.Field`` there, at import time, before
``marketplace/schema.py`` builds the schema; subclassing would not work,
because Saleor's own resolvers (``me``, ``user``, ``staffUsers``) name its
class. When Saleor moves to 3.x, this file is the one to change.
"""

import graphene
from saleor.graphql.account.types import User

from .. import access
from ..models import Cooperative as CooperativeModel
from .types import Cooperative

FIELD_NAME = "cooperatives"


def resolve_cooperatives(root, info):
    """The cooperatives ``root`` acts for: shown to that user and to council reviewers."""
    viewer = info.context.user
    if viewer.is_authenticated and (viewer.pk == root.pk or access.is_council_reviewer(viewer)):
        return CooperativeModel.objects.managed_by(root).order_by("name_fr", "pk")
    return []


def install():
    if FIELD_NAME in User._meta.fields:
        return
    User._meta.fields[FIELD_NAME] = graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(Cooperative))),
        resolver=resolve_cooperatives,
        description="Cooperatives the user acts for, as owner or manager.",
    )


install()
