"""The cash-on-delivery payment gateway, offered by ``availablePaymentGateways``.

Enable with ``PLUGINS += ["marketplace.payments.cash.plugin.CashOnDeliveryGatewayPlugin"]``
(on in every environment). At ``checkoutComplete`` Saleor calls
``process_payment``: it answers with a successful AUTH, never a CAPTURE, so
the order is placed with its payment NOT_CHARGED. Cash is captured later,
cooperative by cooperative (``services.cash_on_delivery_record``).
"""

from django.utils.translation import gettext_lazy as _
from saleor.plugins.base_plugin import BasePlugin

from .saleor_payments import TransactionKind, gateway_response

PLUGIN_ID = "marketplace.payments.cash_on_delivery"


class CashOnDeliveryGatewayPlugin(BasePlugin):
    PLUGIN_ID = PLUGIN_ID
    # Lazy: availablePaymentGateways shows it in the client's language.
    PLUGIN_NAME = _("Cash on delivery")
    PLUGIN_DESCRIPTION = "The shopper pays each parcel in cash to the courier."
    DEFAULT_ACTIVE = True

    def _answer(self, payment_information, kind, previous_value):
        if not self.active:
            return previous_value
        return gateway_response(payment_information, kind)

    def process_payment(self, payment_information, previous_value):
        return self._answer(payment_information, TransactionKind.AUTH, previous_value)

    def authorize_payment(self, payment_information, previous_value):
        return self._answer(payment_information, TransactionKind.AUTH, previous_value)

    def capture_payment(self, payment_information, previous_value):
        return self._answer(payment_information, TransactionKind.CAPTURE, previous_value)

    def void_payment(self, payment_information, previous_value):
        return self._answer(payment_information, TransactionKind.VOID, previous_value)

    def refund_payment(self, payment_information, previous_value):
        # The cash goes back to the shopper by hand; Saleor records how much.
        return self._answer(payment_information, TransactionKind.REFUND, previous_value)

    def get_client_token(self, token_config, previous_value):
        return previous_value if not self.active else ""

    def get_payment_config(self, previous_value):
        return previous_value if not self.active else []
