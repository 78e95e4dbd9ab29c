from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParcelOutcome(models.TextChoices):
    PAID = "paid", _("Paid in cash on delivery")
    REFUSED = "refused", _("Refused at the door")


class CashOnDeliveryParcel(models.Model):
    """What happened at the door to one cooperative's parcel of a cash-on-delivery order.

    A row exists once the outcome is known: the shopper paid the courier the
    cooperative's share in cash, or refused the parcel and it went back to
    the cooperative's stock. No row means the cash is still to be collected.
    One row per (order, cooperative): recording twice records once.
    """

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="cash_on_delivery_parcels"
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.PROTECT,
        related_name="cash_on_delivery_parcels",
    )
    outcome = models.CharField(max_length=16, choices=ParcelOutcome.choices)
    amount = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        help_text=_("The cash received, or the amount no longer owed after a refusal."),
    )
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    transaction = models.OneToOneField(
        "payment.Transaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cash_on_delivery_parcel",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["order", "cooperative"], name="one_cash_outcome_per_order_cooperative"
            )
        ]

    def __str__(self):
        return f"{self.order} @ {self.cooperative}: {self.outcome}"
