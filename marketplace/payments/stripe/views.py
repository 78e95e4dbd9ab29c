import logging

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import api
from .services import stripe_event_receive

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events: verified against the endpoint secret, acted on once.

    Unsigned, wrongly signed or stale events get 400 and change nothing; a
    replay of an event already received is acknowledged (200) and ignored.
    """
    try:
        event = api.event_verify(request.body, request.META.get("HTTP_STRIPE_SIGNATURE", ""))
    except ValueError:
        logger.warning("Refused a Stripe webhook that is not signed with our secret")
        return HttpResponseBadRequest()
    stripe_event_receive(event=event)
    return HttpResponse(status=200)
