from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PickupConfig(AppConfig):
    name = "marketplace.fairs.pickup"
    label = "fairs_pickup"
    verbose_name = _("Pickup at fair stops")

    def ready(self):
        from ..signals import stop_cancelled
        from .services import pickup_stop_cancelled

        stop_cancelled.connect(pickup_stop_cancelled, dispatch_uid="fairs_pickup.stop_cancelled")
