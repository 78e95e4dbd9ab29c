"""Staff reports on payments: pages and CSV over ``marketplace.payments.reconciliation``.

A plain package (no models, not an app): its templates live in the
project's ``marketplace/templates/payments/``.
"""
