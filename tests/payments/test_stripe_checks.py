import pytest
from django.core.checks import run_checks


def check_ids():
    return [message.id for message in run_checks() if message.id.startswith("payments_stripe")]


def test_a_secret_key_in_the_publishable_setting_is_an_error(settings):
    # given
    settings.STRIPE_SECRET_KEY = "sk_live_x"
    settings.STRIPE_PUBLISHABLE_KEY = "sk_live_x"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_x"

    # when
    ids = check_ids()

    # then
    assert ids == ["payments_stripe.E001"]


@pytest.mark.parametrize(
    ("secret", "publishable", "webhook", "expected"),
    [
        ("", "", "", []),
        ("sk_live_x", "pk_live_x", "whsec_x", []),
        ("rk_live_x", "pk_live_x", "whsec_x", []),
        ("pk_live_x", "pk_live_x", "whsec_x", ["payments_stripe.E002"]),
        ("sk_live_x", "", "", ["payments_stripe.W001"]),
        ("sk_live_x", "pk_live_x", "", ["payments_stripe.W002"]),
    ],
)
def test_stripe_settings_are_checked(secret, publishable, webhook, expected, settings):
    # given
    settings.STRIPE_SECRET_KEY = secret
    settings.STRIPE_PUBLISHABLE_KEY = publishable
    settings.STRIPE_WEBHOOK_SECRET = webhook

    # when
    ids = check_ids()

    # then
    assert ids == expected


def test_keys_without_the_plugin_are_a_warning(settings):
    # given
    settings.STRIPE_SECRET_KEY = "sk_live_x"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_live_x"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_x"
    settings.PLUGINS = [plugin for plugin in settings.PLUGINS if "stripe" not in plugin]

    # when
    ids = check_ids()

    # then
    assert ids == ["payments_stripe.W003"]
