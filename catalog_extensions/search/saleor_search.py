"""Bridge: what search reads of Saleor's catalogue (products, translations,
categories, stock) and which of its models tell search that a product changed.

When the engine moves, this is the file of the search app that changes.
"""

from collections import defaultdict

from django.db import connection
from saleor.product.models import (
    Category,
    CategoryTranslation,
    Product,
    ProductTranslation,
    ProductVariant,
)
from saleor.warehouse.models import Allocation, Stock

from marketplace.cooperatives.models import CooperativeStatus

LANGUAGES = ("fr", "ar", "en")

# Models whose rows feed a product's search document.
PRODUCT_MODEL = Product
PRODUCT_TRANSLATION_MODEL = ProductTranslation
VARIANT_MODEL = ProductVariant
STOCK_MODEL = Stock
ALLOCATION_MODEL = Allocation
CATEGORY_MODEL = Category
CATEGORY_TRANSLATION_MODEL = CategoryTranslation


def all_product_ids():
    return list(Product.objects.order_by("pk").values_list("pk", flat=True))


def product_ids_of_variant(variant_id):
    return list(ProductVariant.objects.filter(pk=variant_id).values_list("product_id", flat=True))


def product_ids_of_stock(stock_id):
    return list(
        Stock.objects.filter(pk=stock_id).values_list("product_variant__product_id", flat=True)
    )


def product_ids_in_category(category):
    subtree = category.get_descendants(include_self=True)
    return list(Product.objects.filter(category__in=subtree).values_list("pk", flat=True))


def category_paths():
    """{category id: (slugs from the root down, {language: [names from the root]})}."""
    categories = {c.pk: c for c in Category.objects.only("pk", "slug", "name", "parent_id")}
    names = defaultdict(dict)
    for translation in CategoryTranslation.objects.filter(language_code__in=LANGUAGES):
        names[translation.category_id][translation.language_code] = translation.name
    paths = {}
    for pk in categories:
        slugs, labels, node, seen = [], defaultdict(list), categories.get(pk), set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            slugs.append(node.slug)
            for language in LANGUAGES:
                labels[language].append(names[node.pk].get(language) or node.name)
            node = categories.get(node.parent_id)
        paths[pk] = (slugs[::-1], dict(labels))
    return paths


def in_stock_product_ids(product_ids):
    """Products with at least one unit not yet allocated, in any warehouse."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT DISTINCT v.product_id
            FROM product_productvariant v
            JOIN warehouse_stock s ON s.product_variant_id = v.id
            LEFT JOIN (
                SELECT stock_id, SUM(quantity_allocated) AS allocated
                FROM warehouse_allocation GROUP BY stock_id
            ) a ON a.stock_id = s.id
            WHERE v.product_id = ANY(%s) AND s.quantity > COALESCE(a.allocated, 0)
            """,
            [list(product_ids)],
        )
        return {row[0] for row in cursor.fetchall()}


def products_for_documents(product_ids):
    """Products with what their documents are made of, in a fixed number of queries."""
    return (
        Product.objects.filter(pk__in=product_ids)
        .select_related("cooperative_link__cooperative")
        .prefetch_related("translations")
        .only(
            "pk",
            "name",
            "description",
            "category_id",
            "is_published",
            "publication_date",
            "minimal_variant_price_amount",
            "cooperative_link__cooperative__id",
            "cooperative_link__cooperative__slug",
            "cooperative_link__cooperative__name_fr",
            "cooperative_link__cooperative__name_ar",
            "cooperative_link__cooperative__province",
            "cooperative_link__cooperative__status",
        )
    )


def cooperative_of(product):
    link = getattr(product, "cooperative_link", None)
    return link.cooperative if link is not None else None


def is_approved(cooperative):
    return cooperative is None or cooperative.status == CooperativeStatus.APPROVED


def product_ids_of_order(order):
    """The products an order's lines take stock from (their allocations moved)."""
    return list(
        order.lines.exclude(variant_id=None).values_list("variant__product_id", flat=True)
    )


# Saleor's tasks that rewrite product prices with bulk_update (no model signal).
PRICE_TASKS = frozenset(
    {
        "saleor.product.tasks.update_products_minimal_variant_prices_task",
        "saleor.product.tasks.update_products_minimal_variant_prices_of_catalogues_task",
        "saleor.product.tasks.update_products_minimal_variant_prices_of_discount_task",
    }
)

DRIFTED_SQL = f"""
SELECT p.id FROM product_product p
LEFT JOIN catalog_search_searchdocument d ON d.product_id = p.id
WHERE d.product_id IS NULL
   OR d.is_published IS DISTINCT FROM p.is_published
   OR d.publication_date IS DISTINCT FROM p.publication_date
   OR d.price IS DISTINCT FROM p.minimal_variant_price_amount
   OR (p.category_id IS NULL AND d.category_slugs <> '{{}}')
   OR d.seller_active IS DISTINCT FROM NOT EXISTS (
       SELECT 1 FROM cooperatives_cooperativeproduct l
       JOIN cooperatives_cooperative c ON c.id = l.cooperative_id
       WHERE l.product_id = p.id AND c.status <> '{CooperativeStatus.APPROVED.value}'
   )
"""
DRIFTED_STOCK_SQL = """
SELECT d.product_id FROM catalog_search_searchdocument d
WHERE d.in_stock IS DISTINCT FROM EXISTS (
    SELECT 1 FROM product_productvariant v
    JOIN warehouse_stock s ON s.product_variant_id = v.id
    WHERE v.product_id = d.product_id AND s.quantity > COALESCE(
        (SELECT SUM(a.quantity_allocated) FROM warehouse_allocation a WHERE a.stock_id = s.id), 0
    )
)
"""


def drifted_product_ids(*, stock=False):
    """Products whose document disagrees with the catalogue on publication, price,
    category or their cooperative's approval (and, with `stock`, on being in
    stock): written behind the signals' back."""
    with connection.cursor() as cursor:
        cursor.execute(DRIFTED_SQL + (f" UNION {DRIFTED_STOCK_SQL}" if stock else ""))
        return [row[0] for row in cursor.fetchall()]
