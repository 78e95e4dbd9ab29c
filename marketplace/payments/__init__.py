"""Getting paid: cash on delivery (``cash``) and cards through Stripe (``stripe``).

Each is a Saleor payment gateway plugin and a Django app of its own; the
ledger of what each cooperative is owed stays in ``marketplace.cooperatives``
and depends on no provider.
"""
