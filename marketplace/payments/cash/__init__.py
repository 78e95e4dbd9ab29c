"""Cash on delivery: a Saleor payment gateway, and the cash each cooperative brings back.

The order is placed unpaid (the payment is authorised, never captured at
checkout). Each cooperative's parcel is then either paid in cash at the
door — a CAPTURE of exactly its share on the order's payment, and its
ledger sale — or refused and returned to its stock.
"""
