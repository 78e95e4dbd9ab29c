"""Orders move stock without saving a Stock or Allocation row one by one: Saleor
allocates a checkout's lines with bulk_create and releases them with update(),
which send no model signal. Its order hooks come right after, in the same
transaction, so the products of the order are re-indexed there (in stock or sold
out at once).

Enable with ``PLUGINS += ["catalog_extensions.search.plugin.SearchFreshnessPlugin"]``.
It acts whether or not staff switch it off: a stale "in stock" is never wanted.
"""

from saleor.plugins.base_plugin import BasePlugin

from . import saleor_search
from .freshness import reindex


def _reindex_order(order):
    reindex(saleor_search.product_ids_of_order(order))


class SearchFreshnessPlugin(BasePlugin):
    PLUGIN_ID = "catalog_extensions.search"
    PLUGIN_NAME = "Search freshness"
    PLUGIN_DESCRIPTION = "Re-indexes an order's products when it allocates or releases stock."
    DEFAULT_ACTIVE = True

    def order_created(self, order, previous_value):
        _reindex_order(order)
        return previous_value

    def order_updated(self, order, previous_value):
        _reindex_order(order)
        return previous_value

    def order_cancelled(self, order, previous_value):
        _reindex_order(order)
        return previous_value

    def order_fulfilled(self, order, previous_value):
        _reindex_order(order)
        return previous_value
