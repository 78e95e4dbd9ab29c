"""Cards through Stripe: a Saleor gateway plugin, its webhooks and their bookkeeping."""

GATEWAY_ID = "marketplace.payments.stripe"
