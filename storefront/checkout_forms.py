"""The checkout's forms: contact, a Moroccan delivery address, delivery and payment choices."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CheckoutErrorCode:
    INVALID_PHONE = "invalid_phone"
    INVALID_POSTAL_CODE = "invalid_postal_code"
    UNKNOWN_CITY = "unknown_city"
    NO_DELIVERY = "no_delivery"
    NO_PAYMENT = "no_payment"
    EMPTY_BASKET = "empty_basket"
    INCOMPLETE = "incomplete"


# Stored in the address as Saleor stores Moroccan cities (upper-case Latin), shown translated.
REGION_CITIES = [
    ("FES", pgettext_lazy("city", "Fès")),
    ("MEKNES", pgettext_lazy("city", "Meknès")),
    ("SEFROU", pgettext_lazy("city", "Sefrou")),
    ("IFRANE", pgettext_lazy("city", "Ifrane")),
    ("AZROU", pgettext_lazy("city", "Azrou")),
    ("EL HAJEB", pgettext_lazy("city", "El Hajeb")),
    ("IMOUZZER KANDAR", pgettext_lazy("city", "Imouzzer Kandar")),
    ("MOULAY YACOUB", pgettext_lazy("city", "Moulay Yacoub")),
    ("BOULEMANE", pgettext_lazy("city", "Boulemane")),
    ("MISSOUR", pgettext_lazy("city", "Missour")),
    ("TAOUNATE", pgettext_lazy("city", "Taounate")),
    ("TAZA", pgettext_lazy("city", "Taza")),
]
COUNTRY_CITIES = [
    ("CASABLANCA", pgettext_lazy("city", "Casablanca")),
    ("RABAT", pgettext_lazy("city", "Rabat")),
    ("SALE", pgettext_lazy("city", "Salé")),
    ("KENITRA", pgettext_lazy("city", "Kénitra")),
    ("TANGER", pgettext_lazy("city", "Tangier")),
    ("TETOUAN", pgettext_lazy("city", "Tétouan")),
    ("OUJDA", pgettext_lazy("city", "Oujda")),
    ("NADOR", pgettext_lazy("city", "Nador")),
    ("MARRAKECH", pgettext_lazy("city", "Marrakesh")),
    ("AGADIR", pgettext_lazy("city", "Agadir")),
    ("EL JADIDA", pgettext_lazy("city", "El Jadida")),
    ("BENI MELLAL", pgettext_lazy("city", "Beni Mellal")),
    ("SAFI", pgettext_lazy("city", "Safi")),
    ("ERRACHIDIA", pgettext_lazy("city", "Errachidia")),
    ("LAAYOUNE", pgettext_lazy("city", "Laâyoune")),
]
CITY_CHOICES = [
    ("", _("Choose your city")),
    (_("Fès–Meknès region"), REGION_CITIES),
    (_("Other cities of Morocco"), COUNTRY_CITIES),
]
CITY_NAMES = dict(REGION_CITIES + COUNTRY_CITIES)


def city_label(code):
    return CITY_NAMES.get(code, code)


def normalize_moroccan_phone(raw):
    """``+212XXXXXXXXX`` for any way a Moroccan number is written, else ValidationError."""
    message = _("Enter a Moroccan phone number, for example 06 12 34 56 78 or +212 6 12 34 56 78.")
    try:
        number = phonenumbers.parse(raw or "", "MA")
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code=CheckoutErrorCode.INVALID_PHONE)
    if number.country_code != 212 or not phonenumbers.is_valid_number(number):
        raise ValidationError(message, code=CheckoutErrorCode.INVALID_PHONE)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class AddressForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(label=_("First name"), max_length=256)
    last_name = forms.CharField(label=_("Last name"), max_length=256)
    street_address_1 = forms.CharField(label=_("Address"), max_length=256)
    street_address_2 = forms.CharField(
        label=_("Address (continued)"), max_length=256, required=False
    )
    city = forms.ChoiceField(label=_("City"), choices=CITY_CHOICES)
    postal_code = forms.CharField(
        label=_("Postal code (optional)"),
        max_length=5,
        required=False,
        validators=[
            RegexValidator(
                r"^\d{5}$",
                _("A Moroccan postal code has five digits."),
                code=CheckoutErrorCode.INVALID_POSTAL_CODE,
            )
        ],
    )
    phone = forms.CharField(label=_("Phone"), max_length=32)

    def __init__(self, *args, fixed_email=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_email = fixed_email
        if fixed_email:
            del self.fields["email"]
        else:
            self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["postal_code"].widget.attrs.update({"inputmode": "numeric"})

    def clean_phone(self):
        return normalize_moroccan_phone(self.cleaned_data["phone"])

    def address_fields(self):
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "first_name",
                "last_name",
                "street_address_1",
                "street_address_2",
                "city",
                "postal_code",
                "phone",
            )
        }


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(label=_("Delivery"), widget=forms.RadioSelect)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery"].choices = choices
        self.fields["delivery"].error_messages["required"] = _("Choose how to receive your order.")
        self.fields["delivery"].error_messages["invalid_choice"] = _(
            "This delivery option is no longer offered; choose another."
        )


class PaymentForm(forms.Form):
    gateway = forms.ChoiceField(label=_("Payment"), widget=forms.RadioSelect)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gateway"].choices = choices
        self.fields["gateway"].error_messages["required"] = _("Choose how you will pay.")
        self.fields["gateway"].error_messages["invalid_choice"] = _(
            "This payment method is not offered; choose another."
        )
