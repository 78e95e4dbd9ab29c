"""Labels as search sees them: every verified certification of a product with its
validity dates, so that expiry is decided at query time (see SearchLabel).

Reads the labels app when it is installed; without it products have none.
The labels app sends `certifications_changed` on every status change
(freshness.py listens).
"""

import importlib


def _labels_models():
    try:
        return importlib.import_module("catalog_extensions.labels.models")
    except ModuleNotFoundError:
        return None


def labels_for_products(product_ids):
    """{product id: [{slug, name_fr, name_ar, name_en, valid_from, valid_until}]}."""
    models = _labels_models()
    if models is None:
        return {}
    certifications = (
        models.Certification.objects.filter(
            product_id__in=list(product_ids), status=models.CertificationStatus.VERIFIED
        )
        .select_related("label")
        .order_by("label__slug", "pk")
    )
    labels = {}
    for certification in certifications:
        label = certification.label
        labels.setdefault(certification.product_id, []).append(
            {
                "slug": label.slug,
                "name_fr": label.name_fr,
                "name_ar": label.name_ar or "",
                "name_en": label.name_en or "",
                "valid_from": certification.valid_from,
                "valid_until": certification.valid_until,
            }
        )
    return labels


def certifications_changed_signal():
    try:
        signals = importlib.import_module("catalog_extensions.labels.signals")
    except ModuleNotFoundError:
        return None
    return getattr(signals, "certifications_changed", None)
