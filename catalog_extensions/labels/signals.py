"""Sent after commit whenever certifications change status: ``product_ids`` lists the products.

The search index listens, so that a verified, expired or revoked label shows
or disappears in the catalogue filter without waiting for a full rebuild.
"""

from django.dispatch import Signal

certifications_changed = Signal()
