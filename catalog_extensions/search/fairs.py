"""Which products are on sale at a fair stop: read from the fairs app once it exists."""

import importlib


def product_ids_at_fair_stop(stop_id):
    try:
        selectors = importlib.import_module("marketplace.fairs.selectors")
    except ModuleNotFoundError:
        return set()
    provider = getattr(selectors, "product_ids_at_stop", None)
    return set(provider(stop_id)) if provider else set()
