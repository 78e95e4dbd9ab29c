"""Saleor 2.10 root fields we answer more strictly than Saleor does.

Bridge module: it names Saleor's GraphQL types, permissions and resolvers.
Mixed in before Saleor's ``Query`` in ``marketplace/schema.py``, its
resolvers take the place of Saleor's for the same fields (graphene looks
``resolve_<field>`` up along the composed class's MRO), so the fields and
their arguments stay exactly as 2.10 clients know them.

- ``checkoutLine(id)`` answered anyone with the line of any shopper's cart
  (ids are sequential). Now: the caller's own checkouts, or staff who manage
  checkouts; a guest's lines stay readable through ``checkout(token)``.
- ``translations(kind)`` listed every sale and voucher name (internal
  wording) to anyone; it exists for the dashboard's translation screens, as
  ``translation(id, kind)`` does, which Saleor already keeps to translators.
"""

import graphene
from saleor.core.permissions import CheckoutPermissions, SitePermissions
from saleor.graphql.api import Query as SaleorQuery
from saleor.graphql.checkout.types import CheckoutLine
from saleor.graphql.decorators import permission_required


class SaleorQueryGuards:
    @staticmethod
    def resolve_checkout_line(_root, info, id=None):
        if not id:
            return None
        line = graphene.Node.get_node_from_global_id(info, id, CheckoutLine)
        if line is None:
            return None
        user = info.context.user
        if user.has_perm(CheckoutPermissions.MANAGE_CHECKOUTS):
            return line
        if user.is_authenticated and line.checkout.user_id == user.pk:
            return line
        return None

    @permission_required(SitePermissions.MANAGE_TRANSLATIONS)
    def resolve_translations(self, info, kind, **kwargs):
        return SaleorQuery.resolve_translations(self, info, kind, **kwargs)
