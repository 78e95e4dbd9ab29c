from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StripePaymentsConfig(AppConfig):
    name = "marketplace.payments.stripe"
    label = "payments_stripe"
    verbose_name = _("Card payments (Stripe)")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
