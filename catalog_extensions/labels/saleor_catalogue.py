"""The one place where labels and origin reach into Saleor's catalogue models.

They read products (by id, with their names in a language) and nothing
else of Saleor's; when the engine moves, this is the file that changes.
"""

from django.db.models import Prefetch
from saleor.product.models import Product, ProductTranslation


def products():
    return Product.objects.all()


def published_products():
    return Product.objects.published()


def product_by_id(product_id):
    return Product.objects.filter(pk=product_id).first()


def with_names(queryset, language):
    """Products with the translation of their name in ``language`` prefetched."""
    return queryset.prefetch_related(
        Prefetch(
            "translations",
            queryset=ProductTranslation.objects.filter(language_code=language),
        )
    )


def product_name(product, language):
    """The product's name in ``language`` (from prefetched translations), else its own name."""
    for translation in product.translations.all():
        if translation.language_code == language and translation.name:
            return translation.name
    return product.name


def products_visible_to(user):
    """What Saleor lets ``user`` see: published products, or every one for staff."""
    return Product.objects.visible_to_user(user)
