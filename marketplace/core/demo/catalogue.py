"""Seed the demo catalogue into Saleor's own tables, idempotently.

Everything is keyed by slug, SKU or e-mail, so a second run updates texts and
prices in place. What shoppers and staff change afterwards is left alone:
stock levels, publication dates, images and passwords are only set on creation.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from measurement.measures import Weight
from saleor.account.models import Address, User
from saleor.core.weight import WeightUnits
from saleor.discount.utils import fetch_active_discounts
from saleor.product.models import (
    Attribute,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
    Category,
    CategoryTranslation,
    Product,
    ProductImage,
    ProductTranslation,
    ProductType,
    ProductVariant,
)
from saleor.product.thumbnails import create_product_thumbnails
from saleor.product.utils.attributes import associate_attribute_values_to_instance
from saleor.product.utils.variant_prices import update_product_minimal_variant_price
from saleor.shipping import ShippingMethodType
from saleor.shipping.models import ShippingMethod, ShippingZone
from saleor.site.models import SiteSettings
from saleor.warehouse.models import Stock, Warehouse

from . import data
from .images import product_illustration

TRANSLATED_LANGUAGES = ("ar", "en")
BASE_LANGUAGE = "fr"


def seed():
    """Create or update the catalogue; return `{producer_slug: {"warehouse", "products"}}`."""
    with transaction.atomic():
        site_settings_seed()
        zone = shipping_zone_seed()
        attributes = {slug: attribute_seed(slug, spec) for slug, spec in data.ATTRIBUTES.items()}
        product_types = {
            slug: product_type_seed(slug, spec, attributes)
            for slug, spec in data.PRODUCT_TYPES.items()
        }
        categories = {}
        for slug, spec in data.CATEGORIES.items():
            categories[slug] = category_seed(slug, spec, parent=categories.get(spec["parent"]))
        catalogue = _Catalogue(attributes, product_types, categories, fetch_active_discounts())
        return {
            producer["slug"]: producer_seed(producer, zone=zone, catalogue=catalogue)
            for producer in data.PRODUCERS
        }


@dataclass(frozen=True)
class _Catalogue:
    """The vocabulary products are built from, looked up by slug."""

    attributes: dict
    product_types: dict
    categories: dict
    discounts: list


def row_counts():
    """How many rows of each kind the demo left, for the command's summary."""
    return {
        "categories": Category.objects.count(),
        "products": Product.objects.count(),
        "variants": ProductVariant.objects.count(),
        "warehouses": Warehouse.objects.count(),
        "stocks": Stock.objects.count(),
        "images": ProductImage.objects.count(),
        "translations": ProductTranslation.objects.count() + CategoryTranslation.objects.count(),
        "users": User.objects.count(),
    }


def site_settings_seed():
    # Saleor caches the current site process-wide; a copy cached while migrations
    # ran (e.g. `migrate` then `seed_demo` in one process) has a historical model.
    Site.objects.clear_cache()
    site = Site.objects.get_current()
    site.name = data.SITE["name"]
    site.domain = data.SITE["domain"]
    site.save()
    # Saleor's migrations create this row, but a flushed database (transactional tests) lacks it.
    site_settings, _ = SiteSettings.objects.get_or_create(site=site)
    site_settings.default_weight_unit = WeightUnits.KILOGRAM
    site_settings.header_text = data.SITE["header_text"][BASE_LANGUAGE]
    site_settings.save()
    _translate(site_settings.translations, header_text=data.SITE["header_text"])
    Site.objects.clear_cache()
    return site_settings


def shipping_zone_seed():
    spec = data.SHIPPING_ZONE
    zone, _ = ShippingZone.objects.update_or_create(
        name=spec["name"], defaults={"countries": spec["countries"]}
    )
    for method_spec in spec["methods"]:
        method, _ = ShippingMethod.objects.update_or_create(
            shipping_zone=zone,
            name=method_spec["name"][BASE_LANGUAGE],
            defaults={
                "type": ShippingMethodType.PRICE_BASED,
                "price_amount": method_spec["price"],
                "currency": settings.DEFAULT_CURRENCY,
                "minimum_order_price_amount": 0,
                "maximum_order_price_amount": None,
            },
        )
        _translate(method.translations, name=method_spec["name"])
    return zone


def attribute_seed(slug, spec):
    attribute, _ = Attribute.objects.update_or_create(
        slug=slug, defaults={"name": spec["name"][BASE_LANGUAGE]}
    )
    _translate(attribute.translations, name=spec["name"])
    for value_slug, names in spec["values"].items():
        value, _ = AttributeValue.objects.update_or_create(
            attribute=attribute, slug=value_slug, defaults={"name": names[BASE_LANGUAGE]}
        )
        _translate(value.translations, name=names)
    return attribute


def product_type_seed(slug, spec, attributes):
    product_type, _ = ProductType.objects.update_or_create(
        slug=slug,
        defaults={
            "name": spec["name"],
            "has_variants": bool(spec["variant_attributes"]),
            "is_shipping_required": True,
        },
    )
    for attribute_slug in spec["product_attributes"]:
        AttributeProduct.objects.get_or_create(
            attribute=attributes[attribute_slug], product_type=product_type
        )
    for attribute_slug in spec["variant_attributes"]:
        AttributeVariant.objects.get_or_create(
            attribute=attributes[attribute_slug], product_type=product_type
        )
    return product_type


def category_seed(slug, spec, *, parent):
    category, _ = Category.objects.update_or_create(
        slug=slug,
        defaults={
            "name": spec["name"][BASE_LANGUAGE],
            "description": spec["description"][BASE_LANGUAGE],
            "description_json": _draftjs(spec["description"][BASE_LANGUAGE]),
            "parent": parent,
        },
    )
    _translate(category.translations, name=spec["name"], description=spec["description"])
    return category


def producer_seed(producer, *, zone, catalogue):
    warehouse = warehouse_seed(producer, zone=zone)
    products = [
        product_seed(spec, warehouse=warehouse, catalogue=catalogue)
        for spec in producer["products"]
    ]
    return {"warehouse": warehouse, "products": products}


def warehouse_seed(producer, *, zone):
    warehouse = Warehouse.objects.select_related("address").filter(slug=producer["slug"]).first()
    address = warehouse.address if warehouse else Address()
    address.company_name = producer["name_fr"]
    address.street_address_1 = producer["address"]
    address.city = producer["commune"]
    address.country_area = data.PROVINCES[producer["province"]][BASE_LANGUAGE]
    address.country = "MA"
    address.phone = producer["phone"]
    address.save()
    warehouse, _ = Warehouse.objects.update_or_create(
        slug=producer["slug"],
        defaults={
            "name": producer["name_fr"],
            "company_name": producer["name_fr"],
            "email": producer["email"],
            "address": address,
        },
    )
    warehouse.shipping_zones.add(zone)
    return warehouse


def product_seed(spec, *, warehouse, catalogue):
    product_type = catalogue.product_types[spec["type"]]
    product = _product_upsert(spec, product_type, catalogue.categories[spec["category"]])
    for attribute_slug, value_slug in spec["attributes"].items():
        attribute = catalogue.attributes[attribute_slug]
        associate_attribute_values_to_instance(
            product, attribute, attribute.values.get(slug=value_slug)
        )
    variant_attribute = _variant_attribute(product_type, catalogue)
    for value_slug, price, quantity in spec["variants"]:
        variant = variant_seed(spec, product, value_slug, price, attribute=variant_attribute)
        Stock.objects.get_or_create(
            warehouse=warehouse, product_variant=variant, defaults={"quantity": quantity}
        )
    update_product_minimal_variant_price(product, discounts=catalogue.discounts)
    product_image_seed(product, family=spec["type"])
    return product


def _product_upsert(spec, product_type, category):
    # A product keeps the date it first went on sale; the day before today so
    # that Saleor's `is_visible` (a strict `<` on the date) agrees with `published()`.
    first_published = (
        Product.objects.filter(slug=spec["slug"])
        .values_list("publication_date", flat=True)
        .first()
    )
    name, description = spec["name"][BASE_LANGUAGE], spec["description"][BASE_LANGUAGE]
    product, _ = Product.objects.update_or_create(
        slug=spec["slug"],
        defaults={
            "name": name,
            "description": description,
            "description_json": _draftjs(description),
            "product_type": product_type,
            "category": category,
            "currency": settings.DEFAULT_CURRENCY,
            "price_amount": min(price for _, price, _ in spec["variants"]),
            "is_published": True,
            "publication_date": first_published or timezone.localdate() - timedelta(days=1),
            "seo_title": name,
            "seo_description": description[:300],
        },
    )
    _translate(
        product.translations,
        name=spec["name"],
        description=spec["description"],
        description_json={lang: _draftjs(text) for lang, text in spec["description"].items()},
    )
    return product


def _variant_attribute(product_type, catalogue):
    slugs = data.PRODUCT_TYPES[product_type.slug]["variant_attributes"]
    return catalogue.attributes[slugs[0]] if slugs else None


def variant_seed(spec, product, value_slug, price, *, attribute):
    if value_slug is None:
        sku, names, weight = spec["sku"], None, spec["weight_kg"]
    else:
        sku = f"{spec['sku']}-{value_slug}".upper()
        names = data.ATTRIBUTES[attribute.slug]["values"][value_slug]
        weight = data.PACKED_WEIGHT_KG[value_slug]
    # Not through ProductVariant.objects.create(): it queues a price-update task
    # per variant, and the product's minimal price is updated once per product here.
    variant = ProductVariant.objects.filter(sku=sku).first() or ProductVariant(sku=sku)
    variant.product = product
    variant.name = names[BASE_LANGUAGE] if names else ""
    variant.currency = settings.DEFAULT_CURRENCY
    variant.price_override_amount = price
    variant.weight = Weight(kg=weight)
    variant.track_inventory = True
    variant.save()
    if names:
        associate_attribute_values_to_instance(
            variant, attribute, attribute.values.get(slug=value_slug)
        )
        _translate(variant.translations, name=names)
    return variant


def product_image_seed(product, *, family):
    if product.images.exists():
        return None
    png = product_illustration(slug=product.slug, family=family)
    # Public storage names the file itself (random, with the decoded extension).
    path = default_storage.save(f"products/{product.slug}.png", ContentFile(png))
    image = ProductImage.objects.create(product=product, image=path, alt=product.name[:128])
    transaction.on_commit(lambda: create_product_thumbnails.delay(image.pk))
    return image


def users_seed(*, admin_password, customer_password):
    admin = _user_seed(data.ADMIN, admin_password, is_staff=True, is_superuser=True)
    customer = _user_seed(data.CUSTOMER, customer_password)
    if customer.default_shipping_address_id is None:
        address = Address.objects.create(
            first_name=customer.first_name,
            last_name=customer.last_name,
            country="MA",
            **data.CUSTOMER["address"],
        )
        customer.addresses.add(address)
        customer.default_shipping_address = address
        customer.default_billing_address = address
        customer.save(update_fields=["default_shipping_address", "default_billing_address"])
    return admin, customer


def _user_seed(spec, password, **flags):
    user, created = User.objects.update_or_create(
        email=spec["email"],
        defaults={
            "first_name": spec["first_name"],
            "last_name": spec["last_name"],
            "is_active": True,
            **flags,
        },
    )
    # Only on creation: a password changed since then is the owner's, not ours.
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _translate(translations, **fields):
    """Create or update the ar and en rows of a Saleor translation relation."""
    for language in TRANSLATED_LANGUAGES:
        translations.update_or_create(
            language_code=language,
            defaults={field: texts[language] for field, texts in fields.items()},
        )


def _draftjs(text):
    return {
        "blocks": [
            {
                "key": "demo0",
                "text": text,
                "type": "unstyled",
                "depth": 0,
                "entityRanges": [],
                "inlineStyleRanges": [],
                "data": {},
            }
        ],
        "entityMap": {},
    }
