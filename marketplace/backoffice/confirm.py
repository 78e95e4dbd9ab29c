"""Dangerous actions (delete, remove, reject, suspend) ask to be confirmed, without JavaScript.

The form carries a required checkbox; the browser will not send the form
without it, and the view refuses a request that lacks it, changing nothing.
"""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

CONFIRM_FIELD = "confirm"
NOT_CONFIRMED = _("Tick the box to confirm; nothing was changed.")


def confirmed(request):
    return request.POST.get(CONFIRM_FIELD) == "on"


def refuse_unconfirmed(request):
    """True (and a message for the next page) when the request was not confirmed."""
    if confirmed(request):
        return False
    messages.error(request, NOT_CONFIRMED)
    return True


class ConfirmField(forms.BooleanField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("I understand this cannot be undone from here."))
        kwargs.setdefault("error_messages", {"required": NOT_CONFIRMED})
        super().__init__(required=True, **kwargs)
