from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckoutPickup(models.Model):
    """A shopper's choice, at checkout, to collect the order at a fair stop.

    Honoured only while the checkout's shipping method is the pickup method;
    it becomes a PickupOrder when the checkout is completed (Saleor then
    deletes the checkout, and this row with it).
    """

    checkout = models.OneToOneField(
        "checkout.Checkout", on_delete=models.CASCADE, related_name="fair_pickup"
    )
    stop = models.ForeignKey("fairs.FairStop", on_delete=models.CASCADE, related_name="+")
    chosen_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.checkout_id} @ {self.stop_id}"


class PickupStatus(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting collection")
    # The stop was cancelled: the shopper chooses home delivery or a refund.
    CHOICE_PENDING = "choice_pending", _("Stop cancelled, awaiting the shopper's choice")
    COLLECTED = "collected", _("Collected")
    MOVED_TO_DELIVERY = "moved_to_delivery", _("Moved to home delivery")
    REFUNDED = "refunded", _("Refunded")


PICKUP_TRANSITIONS = {
    PickupStatus.AWAITING: {PickupStatus.COLLECTED, PickupStatus.CHOICE_PENDING},
    PickupStatus.CHOICE_PENDING: {PickupStatus.MOVED_TO_DELIVERY, PickupStatus.REFUNDED},
    PickupStatus.COLLECTED: set(),
    PickupStatus.MOVED_TO_DELIVERY: set(),
    PickupStatus.REFUNDED: set(),
}


class PickupOrderQuerySet(models.QuerySet):
    def awaiting(self):
        return self.filter(status=PickupStatus.AWAITING)

    def at_stop(self, stop):
        return self.filter(stop=stop)


class PickupOrder(models.Model):
    """An online order the shopper collects at a fair stop instead of having it delivered.

    The cooperatives bring its items to their stands; it ends collected, or —
    when the stop is cancelled — moved to home delivery or refunded, as the
    shopper chooses.
    """

    order = models.OneToOneField(
        "order.Order", on_delete=models.CASCADE, related_name="fair_pickup"
    )
    stop = models.ForeignKey(
        "fairs.FairStop", on_delete=models.PROTECT, related_name="pickup_orders"
    )
    status = models.CharField(
        max_length=20, choices=PickupStatus.choices, default=PickupStatus.AWAITING
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    shopper_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PickupOrderQuerySet.as_manager()

    class Meta:
        ordering = ("stop", "pk")

    def __str__(self):
        return f"order {self.order_id} @ stop {self.stop_id} ({self.status})"

    def can_transition_to(self, status):
        return status in PICKUP_TRANSITIONS[PickupStatus(self.status)]


class PickupShippingMethod(models.Model):
    """Which Saleor shipping method means "collect at a fair stop" (one row)."""

    shipping_method = models.OneToOneField(
        "shipping.ShippingMethod", on_delete=models.CASCADE, related_name="+"
    )

    def __str__(self):
        return str(self.shipping_method_id)


class PickupHandover(models.Model):
    """One cooperative handing over its items of a pickup order at its stand."""

    pickup_order = models.ForeignKey(
        PickupOrder, on_delete=models.CASCADE, related_name="handovers"
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.PROTECT, related_name="+"
    )
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    handed_over_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pickup_order", "cooperative"], name="one_handover_per_cooperative"
            )
        ]

    def __str__(self):
        return f"{self.pickup_order_id} by {self.cooperative_id}"
