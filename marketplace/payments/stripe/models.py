from django.db import models
from django.utils.translation import gettext_lazy as _


class StripeEvent(models.Model):
    """A Stripe webhook event we have acted on.

    Stripe may deliver an event more than once (retries, replays); its id is
    stored in the same transaction as its effect, so a second delivery finds
    it and changes nothing.
    """

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=255)
    object_id = models.CharField(max_length=255, blank=True, db_index=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.type} {self.event_id}"
