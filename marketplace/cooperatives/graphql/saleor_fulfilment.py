"""Keeps a cooperative's warehouse out of Saleor's ``Fulfillment.warehouse`` for outsiders.

A cooperative's Saleor warehouse is made, on approval, from the contacts it
gave the council: its address, phone and e-mail. Saleor 2.10 resolves
``Fulfillment.warehouse`` for anyone who can read the order, which includes
anyone holding the order's token (``orderByToken``). Now only staff who
manage orders or products, and the cooperative's own members, read it; for
others it is null, as the field allows.

This reaches into Saleor internals: it replaces the resolver on Saleor's
graphene ``Fulfillment`` type at import time, before ``marketplace/schema.py``
builds the schema (graphene reads ``resolve_<field>`` then). When Saleor
moves to 3.x, this file is the one to change.
"""

from saleor.core.permissions import OrderPermissions, ProductPermissions
from saleor.graphql.order.types import Fulfillment

from .. import access

STAFF_PERMISSIONS = (OrderPermissions.MANAGE_ORDERS, ProductPermissions.MANAGE_PRODUCTS)


def _is_staff_reader(context):
    app = getattr(context, "app", None)
    return any(
        context.user.has_perm(permission) or (app is not None and app.has_perms([permission]))
        for permission in STAFF_PERMISSIONS
    )


def install():
    saleor_resolve_warehouse = Fulfillment.resolve_warehouse
    if getattr(saleor_resolve_warehouse, "guarded", False):
        return

    def resolve_warehouse(root, info):
        warehouse = saleor_resolve_warehouse(root, info)
        if warehouse is None or _is_staff_reader(info.context):
            return warehouse
        if access.cooperatives_managed_by(info.context.user).filter(warehouse=warehouse).exists():
            return warehouse
        return None

    resolve_warehouse.guarded = True
    Fulfillment.resolve_warehouse = staticmethod(resolve_warehouse)


install()
