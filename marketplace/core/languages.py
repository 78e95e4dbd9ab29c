"""Rows of ours that keep a text per language in `<field>_ar`, `_fr` and `_en`."""

from django.utils.translation import get_language


def in_language(obj, field):
    """The value of ``field`` in the active language, falling back to French."""
    language = (get_language() or "fr")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_fr", "")
