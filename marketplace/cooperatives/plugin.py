"""Saleor's order events, seen by the cooperatives: split, ledger, reversal.

Enable with ``PLUGINS += ["marketplace.cooperatives.plugin.CooperativeMarketplacePlugin"]``.
Saleor 2.10 calls every listed plugin's hooks whether or not it is active,
so each hook checks ``self.active`` (on by default; staff can switch it off
through Saleor's ``pluginUpdate``, which stops the ledger too).

Paid at checkout: Saleor 2.10 captures the payment before it creates the
order and never fires ``order_fully_paid`` for it, so ``order_created``
records the sale of an order that is born fully paid.

Refunds: each successful REFUND transaction of the order's payments takes
back its pro-rata share from every cooperative, once (see the ledger policy).

Cash on delivery (``marketplace.payments.cash``): each cooperative's sale
is recorded when its cash is recorded, so these hooks leave such orders
alone. Any other order with no captured payment whose every line is
fulfilled counts as delivered: its sale is recorded when Saleor reports it
fulfilled.
"""

import logging

from saleor.plugins.base_plugin import BasePlugin

from marketplace.payments.cash.selectors import is_cash_on_delivery

from .saleor_orders import has_captured_payment
from .services.ledger import ledger_record_refunds, ledger_record_reversal, ledger_record_sale
from .services.orders import order_lines_split

logger = logging.getLogger(__name__)


class CooperativeMarketplacePlugin(BasePlugin):
    PLUGIN_ID = "marketplace.cooperatives"
    PLUGIN_NAME = "Cooperative marketplace"
    PLUGIN_DESCRIPTION = (
        "Splits orders per cooperative and keeps the commission ledger of what each is owed."
    )
    DEFAULT_ACTIVE = True

    def order_created(self, order, previous_value):
        if self.active:
            order_lines_split(order=order)
            # checkoutComplete captures the payment before the order exists,
            # so Saleor never reports such an order as paid: it is born paid.
            if has_captured_payment(order) and order.is_fully_paid():
                ledger_record_sale(order=order)
        return previous_value

    def order_fully_paid(self, order, previous_value):
        if self.active and not is_cash_on_delivery(order):
            ledger_record_sale(order=order)
        return previous_value

    def order_fulfilled(self, order, previous_value):
        if self.active and not has_captured_payment(order) and not is_cash_on_delivery(order):
            ledger_record_sale(order=order)
        return previous_value

    def order_cancelled(self, order, previous_value):
        if self.active:
            ledger_record_reversal(order=order)
        return previous_value

    def order_updated(self, order, previous_value):
        # Saleor reports a refund (orderRefund) only as an update of the order;
        # the refund transactions themselves say how much, once each.
        if self.active:
            ledger_record_refunds(order=order)
        return previous_value
