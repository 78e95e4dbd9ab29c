from django.conf import settings
from django.core.checks import Error, Warning, register

PLUGIN = "marketplace.payments.stripe.plugin.StripeGatewayPlugin"


@register()
def stripe_settings(app_configs, **kwargs):
    """Card payments configured so that they work, and never expose the secret key."""
    secret, publishable = settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY
    problems = []
    if publishable and not publishable.startswith("pk_"):
        problems.append(
            Error(
                "STRIPE_PUBLISHABLE_KEY is not a publishable key (pk_…): it is sent to every "
                "shopper's browser.",
                hint="Set STRIPE_PUBLISHABLE_KEY to the pk_ key and STRIPE_SECRET_KEY to the "
                "sk_ (or restricted rk_) key.",
                id="payments_stripe.E001",
            )
        )
    if secret and not secret.startswith(("sk_", "rk_")):
        problems.append(
            Error(
                "STRIPE_SECRET_KEY is not a secret key (sk_… or rk_…).",
                hint="Copy the secret key from Stripe's dashboard.",
                id="payments_stripe.E002",
            )
        )
    if bool(secret) != bool(publishable):
        problems.append(
            Warning(
                "Only one of STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY is set: cards are "
                "not offered.",
                hint="Set both keys to offer cards, or neither.",
                id="payments_stripe.W001",
            )
        )
    if secret and publishable:
        if not settings.STRIPE_WEBHOOK_SECRET:
            problems.append(
                Warning(
                    "Cards are offered but STRIPE_WEBHOOK_SECRET is empty: every Stripe event "
                    "is refused, so a shopper who leaves during 3-D Secure gets no order.",
                    hint="Set STRIPE_WEBHOOK_SECRET to the whsec_ secret of the endpoint "
                    "/webhooks/stripe/.",
                    id="payments_stripe.W002",
                )
            )
        if PLUGIN not in settings.PLUGINS:
            problems.append(
                Warning(
                    "Stripe keys are set but the Stripe plugin is not in PLUGINS: cards are "
                    "not offered.",
                    hint=f'Add "{PLUGIN}" to settings.PLUGINS.',
                    id="payments_stripe.W003",
                )
            )
    return problems
