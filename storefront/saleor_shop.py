"""The storefront's one bridge to Saleor's catalogue: what the shopper's pages read.

Products, variants, stock, images, categories and sales are Saleor's; the
catalogue, product and home pages read them here, prefetched so that a page
costs the same number of queries whatever it lists. When the engine moves,
this is the storefront file that changes.
"""

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from saleor.discount.utils import fetch_discounts
from saleor.product.models import (
    Category,
    CategoryTranslation,
    ProductImage,
    ProductTranslation,
    ProductVariant,
    ProductVariantTranslation,
)
from saleor.warehouse.models import Stock

from marketplace.cooperatives.saleor_catalogue import (
    products_of_active_cooperatives,
    products_visible_to,
    published_products,
    with_listing_relations,
)


def shop_products(user=None):
    """What a shopper may see: published products of approved cooperatives.

    Staff who manage products also see unpublished ones (their pages are never cached).
    """
    visible = (
        products_visible_to(user) if getattr(user, "is_staff", False) else published_products()
    )
    return products_of_active_cooperatives(visible)


def products_in_order(product_ids, *, language, user=None):
    """Product cards for ``product_ids``, in that order, in one query per relation."""
    if not product_ids:
        return []
    by_id = {
        product.pk: product
        for product in with_listing_relations(
            shop_products(user).filter(pk__in=product_ids), language
        )
    }
    return [by_id[pk] for pk in product_ids if pk in by_id]


def featured_products(*, language, limit):
    """The newest products on sale: the home page's shop window."""
    return list(with_listing_relations(shop_products().order_by("-pk")[:limit], language))


def _available_stocks():
    # What the shop's country can be sent, less what open checkouts already hold.
    return Stock.objects.for_country(settings.DEFAULT_COUNTRY).annotate_available_quantity()


def product_for_page(slug, *, language, user=None):
    """One product with everything its page shows, or None when the shopper may not see it."""
    return (
        shop_products(user)
        .filter(slug=slug)
        .select_related("category", "product_type", "cooperative_link__cooperative")
        .prefetch_related(
            Prefetch(
                "translations", queryset=ProductTranslation.objects.filter(language_code=language)
            ),
            Prefetch(
                "category__translations",
                queryset=CategoryTranslation.objects.filter(language_code=language),
            ),
            Prefetch("images", queryset=ProductImage.objects.order_by("sort_order", "pk")),
            Prefetch(
                "variants",
                queryset=ProductVariant.objects.order_by("pk").prefetch_related(
                    Prefetch(
                        "translations",
                        queryset=ProductVariantTranslation.objects.filter(language_code=language),
                    ),
                    Prefetch("stocks", queryset=_available_stocks()),
                ),
            ),
            "collections",
        )
        .first()
    )


def variant_offers(product):
    """[(variant, price, quantity available)] of a product from ``product_for_page``."""
    discounts = fetch_discounts(timezone.now())
    offers = []
    for variant in product.variants.all():
        variant.product = product  # already loaded: no query per variant
        quantity = sum(max(stock.available_quantity, 0) for stock in variant.stocks.all())
        offers.append((variant, variant.get_price(discounts), quantity))
    return offers


def related_products(product, *, language, limit=4):
    """Other products of the same category, else of the same cooperative."""
    others = shop_products().exclude(pk=product.pk)
    link = getattr(product, "cooperative_link", None)
    same = Q(category_id=product.category_id) if product.category_id else Q(pk__in=[])
    if link is not None:
        same |= Q(cooperative_link__cooperative_id=link.cooperative_id)
    return list(with_listing_relations(others.filter(same).order_by("-pk")[:limit], language))


def categories_with_products(*, language):
    """Categories that have products on sale, with how many, for menus and the home page."""
    on_sale = shop_products().values("pk")
    return list(
        Category.objects.annotate(
            products_on_sale=Count("products", filter=Q(products__in=on_sale))
        )
        .filter(products_on_sale__gt=0)
        .prefetch_related(
            Prefetch(
                "translations", queryset=CategoryTranslation.objects.filter(language_code=language)
            )
        )
        .order_by("tree_id", "lft")
    )


def category_by_slug(slug, *, language):
    return (
        Category.objects.filter(slug=slug)
        .prefetch_related(
            Prefetch(
                "translations", queryset=CategoryTranslation.objects.filter(language_code=language)
            )
        )
        .first()
    )


def image_rendition(image, size, sizer="thumbnail"):
    """URL of a product image's thumbnail (Saleor's versatileimagefield sizes)."""
    return getattr(image.image, sizer)[size].url
