"""Builders shared by the shop tests: cooperatives with warehouses, products they own."""

import csv
import io
from decimal import Decimal

from saleor.account.models import Address
from saleor.product.models import Product, ProductVariant
from saleor.warehouse.models import Stock, Warehouse

from marketplace.cooperatives.models import CooperativeProduct
from marketplace.cooperatives.services.products import cooperative_product_create

ACTORS = [
    "anonymous",
    "customer",
    "other_cooperative_member",
    "member",
    "staff_without_permission",
    "reviewer",
]


def give_warehouse(cooperative, shipping_zone):
    address = Address.objects.create(
        company_name=cooperative.name_fr,
        street_address_1="Douar Lahdab",
        city="SEFROU",
        postal_code="31000",
        country="MA",
    )
    warehouse = Warehouse.objects.create(
        name=cooperative.name_fr,
        slug=f"warehouse-{cooperative.slug}",
        company_name=cooperative.name_fr,
        address=address,
    )
    warehouse.shipping_zones.add(shipping_zone)
    cooperative.warehouse = warehouse
    cooperative.save(update_fields=["warehouse"])
    return warehouse


def product_data(product_type, category, /, **overrides):
    data = {
        "name_fr": "Miel de thym",
        "name_ar": "عسل الزعتر",
        "description_fr": "Récolté dans le Moyen Atlas.",
        "description_ar": "جني من الأطلس المتوسط.",
        "product_type": product_type,
        "category": category,
        "price": Decimal("180.00"),
        "sku": "MIEL-THYM-500",
        "quantity": 12,
        "is_published": True,
    }
    data.update(overrides)
    return data


def create_product(cooperative, user, product_type, category, /, **overrides):
    return cooperative_product_create(
        cooperative=cooperative, user=user, data=product_data(product_type, category, **overrides)
    )


def snapshot(product):
    """Everything about a product an outsider might try to change."""
    product = Product.objects.get(pk=product.pk)
    return {
        "product": (
            product.name,
            product.price_amount,
            product.is_published,
            product.category_id,
            product.product_type_id,
            product.description,
        ),
        "translations": sorted(product.translations.values_list("language_code", "name")),
        "variants": sorted(
            ProductVariant.objects.filter(product=product).values_list("sku", "name")
        ),
        "stocks": sorted(
            Stock.objects.filter(product_variant__product=product).values_list(
                "warehouse_id", "quantity"
            )
        ),
        "images": sorted(product.images.values_list("pk", "image")),
        "link": CooperativeProduct.objects.filter(product=product)
        .values_list("cooperative_id", flat=True)
        .first(),
    }


def csv_bytes(rows, delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADER = [
    "sku",
    "name_fr",
    "name_ar",
    "description_fr",
    "description_ar",
    "product_type",
    "category",
    "price",
    "quantity",
    "published",
]


def import_rows(product_type_slug, category_slug):
    """Three good rows and two bad ones (rows 4 and 6 in the spreadsheet)."""
    return [
        HEADER,
        [
            "AMLOU-250",
            "Amlou 250 g",
            "أملو 250 غ",
            "Amandes et argan",
            "لوز وأركان",
            product_type_slug,
            category_slug,
            "75.00",
            "20",
            "oui",
        ],
        [
            "ZIT-1L",
            "Huile d'olive 1 L",
            "زيت زيتون 1 ل",
            "",
            "",
            product_type_slug,
            category_slug,
            "95,50",
            "8",
            "1",
        ],
        [
            "BAD-PRICE",
            "Prix faux",
            "ثمن خاطئ",
            "",
            "",
            product_type_slug,
            category_slug,
            "-3",
            "5",
            "oui",
        ],
        [
            "COUS-1KG",
            "Couscous d'orge",
            "كسكس الشعير",
            "",
            "",
            product_type_slug,
            category_slug,
            "40",
            "30",
            "non",
        ],
        [
            "BAD-CAT",
            "Catégorie inconnue",
            "فئة مجهولة",
            "",
            "",
            product_type_slug,
            "no-such-category",
            "10",
            "1",
            "oui",
        ],
    ]
