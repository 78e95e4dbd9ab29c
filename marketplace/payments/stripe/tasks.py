from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from .models import StripeEvent

# Stripe retries a delivery for up to 3 days and its dashboard resends events
# up to 30 days old: past that, no copy of an event can arrive again.
EVENT_RETENTION = timedelta(days=90)


@shared_task(name="marketplace.payments.stripe.tasks.prune_stripe_events")
def prune_stripe_events():
    """Forget webhook events too old to be delivered again; the number removed."""
    removed, _by_model = StripeEvent.objects.filter(
        received_at__lt=timezone.now() - EVENT_RETENTION
    ).delete()
    return removed
