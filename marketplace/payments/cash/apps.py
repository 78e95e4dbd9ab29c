from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CashOnDeliveryConfig(AppConfig):
    name = "marketplace.payments.cash"
    label = "payments_cash"
    verbose_name = _("Cash on delivery")
