"""People's accounts on the site: the web sign-up shared by shoppers and cooperatives."""

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _


def normalized_email(email):
    return get_user_model().objects.normalize_email(email or "").strip().lower()


def account_signup(*, email, password, active=True):
    """Create an account for ``email`` with ``password``; return the user.

    The e-mail is compared case-insensitively with existing accounts, and the
    password goes through the project's password validators. With
    ``active=False`` the account waits for its e-mail confirmation, as one
    made by Saleor's ``accountRegister`` does.
    """
    User = get_user_model()
    email = normalized_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise _email_taken()
    try:
        password_validation.validate_password(password, User(email=email))
    except ValidationError as error:
        raise ValidationError({"password": error.error_list})
    try:
        with transaction.atomic():
            return User.objects.create_user(email=email, password=password, is_active=active)
    except IntegrityError:
        # The same address signed up a moment ago, between the check and the insert.
        raise _email_taken()


def _email_taken():
    return ValidationError(
        {
            "email": ValidationError(
                _("An account already uses this e-mail; log in instead."), code="unique"
            )
        }
    )
