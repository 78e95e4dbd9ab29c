"""E-mails to shoppers about their pickup orders, in the order's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

# Days a shopper has to choose after a stop is cancelled; then the order is refunded.
PICKUP_CHOICE_DAYS = 7


def choice_url(order):
    with translation.override(order.language_code or settings.LANGUAGE_CODE):
        path = reverse("fairs_pickup:choose", kwargs={"token": order.token})
    return f"{settings.SITE_URL}{path}"


def notify_stop_cancelled(pickup_order):
    """Tell the shopper the stop is cancelled and where to choose delivery or a refund."""
    order = pickup_order.order
    email = order.get_customer_email()
    if not email:
        raise ValueError(f"order {order.pk} has no e-mail address")
    context = {
        "order": order,
        "stop": pickup_order.stop,
        "choice_url": choice_url(order),
        "days": PICKUP_CHOICE_DAYS,
    }
    with translation.override(order.language_code or settings.LANGUAGE_CODE):
        subject = render_to_string("fairs_pickup/emails/stop_cancelled_subject.txt", context)
        body = render_to_string("fairs_pickup/emails/stop_cancelled.txt", context)
    send_mail(subject.strip(), body, settings.DEFAULT_FROM_EMAIL, [email])
