"""Template tags for the shopper's order e-mails and pages."""

from django import template

from marketplace.cooperatives.selectors.orders import order_fulfilment_by_cooperative

register = template.Library()


@register.simple_tag
def order_parcels(order):
    """The order's lines per cooperative: one parcel each (``[{"cooperative", "lines"}]``)."""
    return order_fulfilment_by_cooperative(order)
