"""Saleor's checkout and order events, seen by pickup at a fair stop.

Enable with ``PLUGINS += ["marketplace.fairs.pickup.plugin.FairPickupPlugin"]``.
Before an order is made, a checkout using the pickup method must still be
allowed its stop (else checkoutComplete refuses, naming the items not sold
there); once made, the order is tied to that stop.
"""

from saleor.plugins.base_plugin import BasePlugin

from .services import checkout_pickup_check, pickup_order_attach


class FairPickupPlugin(BasePlugin):
    PLUGIN_ID = "marketplace.fairs.pickup"
    PLUGIN_NAME = "Pickup at fair stops"
    PLUGIN_DESCRIPTION = "Lets shoppers collect online orders at a fair stop."
    DEFAULT_ACTIVE = True

    def preprocess_order_creation(self, checkout, discounts, previous_value):
        if self.active:
            checkout_pickup_check(checkout)
        return previous_value

    def order_created(self, order, previous_value):
        if self.active:
            pickup_order_attach(order)
        return previous_value
