"""Labels as search sees them: every verified certification of a product with its
validity dates, so that expiry is decided at query time (see SearchLabel).

Reads the labels app when it is installed; without it products have none.
"""

import importlib


def labels_for_products(product_ids):
    """{product id: [{slug, name_fr, name_ar, name_en, valid_from, valid_until}]}."""
    try:
        selectors = importlib.import_module("catalog_extensions.labels.selectors")
    except ModuleNotFoundError:
        return {}
    provider = getattr(selectors, "verified_labels_for_search", None)
    return provider(product_ids) if provider else {}
