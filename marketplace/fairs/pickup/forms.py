from django import forms
from django.utils.translation import gettext_lazy as _


class HomeDeliveryForm(forms.Form):
    """Where to deliver an order whose pickup stop was cancelled (Morocco only)."""

    first_name = forms.CharField(label=_("First name"), max_length=256)
    last_name = forms.CharField(label=_("Last name"), max_length=256)
    street_address_1 = forms.CharField(label=_("Address"), max_length=256)
    street_address_2 = forms.CharField(
        label=_("Address (continued)"), max_length=256, required=False
    )
    postal_code = forms.CharField(label=_("Postal code"), max_length=20)
    city = forms.CharField(label=_("City"), max_length=256)
    phone = forms.CharField(label=_("Phone"), max_length=30)
