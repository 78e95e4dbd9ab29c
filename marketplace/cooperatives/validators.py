"""Checks on Moroccan identifiers, each raising a ValidationError with our code."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.ma import ice as stdnum_ice

from .errors import CooperativeErrorCode


def normalize_ice(value):
    return stdnum_ice.compact(value or "")


def validate_ice(value):
    try:
        stdnum_ice.validate(value)
    except StdnumValidationError:
        raise ValidationError(
            _("Enter a valid ICE: 15 digits with correct check digits."),
            code=CooperativeErrorCode.INVALID_ICE.value,
        )


def normalize_rib(value):
    return "".join(ch for ch in (value or "") if not ch.isspace() and ch != "-")


def rib_is_valid(rib):
    """A Moroccan RIB: bank (3), city (3), account (16), key (2) — 24 digits.

    The key makes the whole number divisible by 97 (bank + city + account
    followed by the key, as for French RIBs).
    """
    return len(rib) == 24 and rib.isdigit() and int(rib) % 97 == 0 if rib else False


def validate_rib(value):
    if not rib_is_valid(value):
        raise ValidationError(
            _("Enter a valid RIB: 24 digits whose last two are its check key."),
            code=CooperativeErrorCode.INVALID_RIB.value,
        )


def rib_with_key(first_22_digits):
    """Complete 22 digits with their key; used by demo data and tests."""
    key = 97 - (int(first_22_digits) * 100) % 97
    return f"{first_22_digits}{key:02d}"


def validate_moroccan_phone(value):
    number = value if isinstance(value, phonenumbers.PhoneNumber) else None
    if number is None:
        try:
            number = phonenumbers.parse(str(value), "MA")
        except phonenumbers.NumberParseException:
            number = None
    if number is None or number.country_code != 212 or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Enter a valid Moroccan phone number, e.g. +212 6 12 34 56 78."),
            code=CooperativeErrorCode.INVALID_PHONE.value,
        )


def ice_with_check_digits(first_13_digits):
    """Complete 13 digits with the two that make the ICE divisible by 97; for demo data."""
    return f"{first_13_digits}{97 - int(first_13_digits) * 100 % 97:02d}"
