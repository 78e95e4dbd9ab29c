"""Stripe webhook events are remembered while a copy can still arrive, then forgotten."""

from datetime import timedelta

import pytest
from celery import current_app
from django.utils import timezone

from marketplace.payments.stripe.models import StripeEvent
from marketplace.payments.stripe.tasks import prune_stripe_events

pytestmark = pytest.mark.django_db


def received(event_id, days_ago):
    event = StripeEvent.objects.create(event_id=event_id, type="payment_intent.succeeded")
    StripeEvent.objects.filter(pk=event.pk).update(
        received_at=timezone.now() - timedelta(days=days_ago)
    )


def test_events_older_than_ninety_days_are_forgotten_and_recent_ones_kept():
    # given
    received("evt_last_year", days_ago=365)
    received("evt_just_past", days_ago=91)
    received("evt_still_resendable", days_ago=29)
    received("evt_today", days_ago=0)

    # when
    removed = prune_stripe_events.delay().get()

    # then
    assert removed == 2
    assert set(StripeEvent.objects.values_list("event_id", flat=True)) == {
        "evt_still_resendable",
        "evt_today",
    }


def test_the_pruning_runs_every_night_through_beat(settings):
    # when
    entry = settings.CELERY_BEAT_SCHEDULE["prune-stripe-events"]

    # then
    assert entry["task"] in current_app.tasks
    assert entry["schedule"].hour == {3}
