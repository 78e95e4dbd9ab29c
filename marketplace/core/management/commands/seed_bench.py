"""`manage.py seed_bench --products 10000 --cooperatives 1000`: the region at scale.

Seeds the demo catalogue's vocabulary (categories, product types, shipping
zone), then bulk-inserts cooperatives (each with its warehouse, about 3 %
suspended) and products drawn from the demo catalogue's kinds: names and
descriptions in fr/ar/en varied by commune and harvest, variants with
prices and stock (some sold out), and their cooperative links. Ends with
a full search index rebuild. Rows it made carry the `bench-` slug prefix;
running it again replaces them. Benchmarks only: never on a shop's database.
"""

import time
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from saleor.account.models import Address
from saleor.product.models import (
    Category,
    Product,
    ProductTranslation,
    ProductType,
    ProductVariant,
)
from saleor.shipping.models import ShippingZone
from saleor.warehouse.models import Stock, Warehouse

from catalog_extensions.search import freshness
from catalog_extensions.search.indexing import rebuild_index
from marketplace.cooperatives.models import Cooperative, CooperativeProduct, CooperativeStatus
from marketplace.core.demo import catalogue, data

PREFIX = "bench-"
SUSPENDED_EVERY = 33
SOLD_OUT_EVERY = 9
BATCH = 2000

# (commune fr, commune ar, province)
COMMUNES = [
    ("Fès", "فاس", "fes"),
    ("Aïn Nokbi", "عين النقبي", "fes"),
    ("Meknès", "مكناس", "meknes"),
    ("Zerhoun", "زرهون", "meknes"),
    ("Sefrou", "صفرو", "sefrou"),
    ("Bhalil", "البهاليل", "sefrou"),
    ("Imouzzer Kandar", "إيموزار كندر", "sefrou"),
    ("Ifrane", "إفران", "ifrane"),
    ("Azrou", "أزرو", "ifrane"),
    ("Aïn Leuh", "عين اللوح", "ifrane"),
    ("El Hajeb", "الحاجب", "el-hajeb"),
    ("Agouraï", "أكوراي", "el-hajeb"),
    ("Boulemane", "بولمان", "boulemane"),
    ("Missour", "ميسور", "boulemane"),
    ("Moulay Yacoub", "مولاي يعقوب", "moulay-yacoub"),
    ("Taounate", "تاونات", "taounate"),
    ("Ghafsai", "غفساي", "taounate"),
    ("Taza", "تازة", "taza"),
    ("Tahla", "تاهلة", "taza"),
]
COMMUNES_AR = {fr: ar for fr, ar, _province in COMMUNES}
# (fr, ar) words cooperatives are named after.
COOPERATIVE_WORDS = [
    ("Al Baraka", "البركة"),
    ("Annour", "النور"),
    ("Al Amal", "الأمل"),
    ("Tifawt", "تيفاوت"),
    ("Assafa", "الصفاء"),
    ("Al Khair", "الخير"),
    ("Zitouna", "الزيتونة"),
    ("Nahl", "النحل"),
    ("Al Atlas", "الأطلس"),
    ("Al Wafa", "الوفاء"),
    ("Tawada", "التوادد"),
    ("Al Fath", "الفتح"),
    ("Nisae Al Jabal", "نساء الجبل"),
    ("Al Ikhlas", "الإخلاص"),
    ("Ajyal", "أجيال"),
]
HARVESTS = [
    ("récolte 2025", "جني 2025", "2025 harvest"),
    ("récolte 2024", "جني 2024", "2024 harvest"),
    ("", "", ""),
]
PRICE_FACTORS = [Decimal(f) for f in ("0.85", "0.9", "0.95", "1", "1.05", "1.1", "1.2")]


def templates():
    return [product for producer in data.PRODUCERS for product in producer["products"]]


def variant_names():
    return {
        value_slug: names["fr"]
        for attribute in data.ATTRIBUTES.values()
        for value_slug, names in attribute.get("values", {}).items()
    }


class Command(BaseCommand):
    help = "Seed a benchmark catalogue: N products from M cooperatives, then rebuild search."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=10_000)
        parser.add_argument("--cooperatives", type=int, default=1_000)

    def handle(self, *args, products, cooperatives, **options):
        started = time.monotonic()
        with transaction.atomic(), freshness.deferred():
            catalogue.seed()
        with transaction.atomic():
            self.remove_previous()
            coops = self.seed_cooperatives(cooperatives)
            count = self.seed_products(products, coops)
        seeded = time.monotonic() - started
        self.stdout.write(
            f"Seeded {len(coops)} cooperatives and {count} products in {seeded:.1f} s"
        )
        rebuild_started = time.monotonic()
        rebuild_index(progress=self.progress)
        self.stdout.write(f"\nSearch index rebuilt in {time.monotonic() - rebuild_started:.1f} s")

    def progress(self, done, total):
        self.stdout.write(f"\rIndexing {done}/{total}", ending="")
        self.stdout.flush()

    def remove_previous(self):
        products = Product.objects.filter(slug__startswith=PREFIX)
        CooperativeProduct.objects.filter(product__in=products).delete()
        Stock.objects.filter(product_variant__product__in=products).delete()
        ProductVariant.objects.filter(product__in=products).delete()
        ProductTranslation.objects.filter(product__in=products).delete()
        products.delete()
        Cooperative.objects.filter(slug__startswith=PREFIX).delete()
        warehouses = Warehouse.objects.filter(slug__startswith=f"{PREFIX}warehouse-")
        address_ids = list(warehouses.values_list("address_id", flat=True))
        warehouses.delete()
        Address.objects.filter(pk__in=address_ids).delete()

    def seed_cooperatives(self, count):
        zone = ShippingZone.objects.order_by("pk").first()
        addresses, specs = [], []
        for number in range(count):
            commune, commune_ar, province = COMMUNES[number % len(COMMUNES)]
            word, word_ar = COOPERATIVE_WORDS[number // len(COMMUNES) % len(COOPERATIVE_WORDS)]
            name = f"Coopérative {word} {commune} {number + 1}"
            specs.append(
                (
                    number,
                    name,
                    f"تعاونية {word_ar} {commune_ar} {number + 1}",
                    commune,
                    commune_ar,
                    province,
                )
            )
            addresses.append(
                Address(
                    company_name=name[:256],
                    street_address_1="Douar Centre",
                    city=commune,
                    country="MA",
                )
            )
        Address.objects.bulk_create(addresses, batch_size=BATCH)
        warehouses = Warehouse.objects.bulk_create(
            [
                Warehouse(
                    name=name,
                    slug=f"{PREFIX}warehouse-{number + 1}",
                    company_name=name,
                    address=address,
                    email=f"bench{number + 1}@example.ma",
                )
                for (number, name, *_), address in zip(specs, addresses, strict=True)
            ],
            batch_size=BATCH,
        )
        if zone is not None:
            through = Warehouse.shipping_zones.through
            through.objects.bulk_create(
                [through(warehouse_id=w.pk, shippingzone_id=zone.pk) for w in warehouses],
                batch_size=BATCH,
            )
        now = timezone.now()
        coops = [
            Cooperative(
                slug=f"{PREFIX}cooperative-{number + 1}",
                name_fr=name,
                name_ar=name_ar,
                province=province,
                commune=commune,
                address="Douar Centre",
                sectors=["other"],
                status=(
                    CooperativeStatus.SUSPENDED
                    if number % SUSPENDED_EVERY == SUSPENDED_EVERY - 1
                    else CooperativeStatus.APPROVED
                ),
                story_fr=f"Une coopérative de {commune}.",
                story_ar=f"تعاونية من {commune_ar}.",
                warehouse=warehouse,
                approved_at=now,
            )
            for (number, name, name_ar, commune, commune_ar, province), warehouse in zip(
                specs, warehouses, strict=True
            )
        ]
        return Cooperative.objects.bulk_create(coops, batch_size=BATCH)

    def seed_products(self, count, coops):
        kinds = templates()
        types = {t.slug: t for t in ProductType.objects.all()}
        categories = {c.slug: c for c in Category.objects.all()}
        values = variant_names()
        today = timezone.localdate()
        products, owners, specs = [], [], []
        for number in range(count):
            kind = kinds[number % len(kinds)]
            cooperative = coops[number % len(coops)]
            commune_fr = cooperative.commune
            commune_ar = COMMUNES_AR[commune_fr]
            harvest = (
                HARVESTS[number % len(HARVESTS)] if kind["type"] != "artisanat" else ("",) * 3
            )
            names = {
                "fr": " ".join(filter(None, [kind["name"]["fr"], f"de {commune_fr}", harvest[0]])),
                "ar": " ".join(filter(None, [kind["name"]["ar"], f"من {commune_ar}", harvest[1]])),
                "en": " ".join(
                    filter(None, [kind["name"]["en"], f"from {commune_fr}", harvest[2]])
                ),
            }
            factor = PRICE_FACTORS[number % len(PRICE_FACTORS)]
            prices = [
                (price * factor).quantize(Decimal("0.50")) for _, price, _ in kind["variants"]
            ]
            description = kind["description"]["fr"]
            products.append(
                Product(
                    name=names["fr"][:250],
                    slug=f"{PREFIX}{number + 1}-{kind['slug']}"[:255],
                    description=description,
                    description_json={},
                    product_type=types[kind["type"]],
                    category=categories[kind["category"]],
                    currency=settings.DEFAULT_CURRENCY,
                    price_amount=min(prices),
                    minimal_variant_price_amount=min(prices),
                    is_published=True,
                    publication_date=today - timezone.timedelta(days=1 + number % 300),
                    seo_title=names["fr"][:70],
                    seo_description=description[:300],
                )
            )
            owners.append(cooperative)
            specs.append((kind, names, prices, number))
        Product.objects.bulk_create(products, batch_size=BATCH)
        translations, variants, links = [], [], []
        for product, cooperative, (kind, names, prices, number) in zip(
            products, owners, specs, strict=True
        ):
            for language in ("ar", "en"):
                translations.append(
                    ProductTranslation(
                        product=product,
                        language_code=language,
                        name=names[language][:250],
                        description=kind["description"][language],
                    )
                )
            for (value_slug, _price, quantity), price in zip(
                kind["variants"], prices, strict=True
            ):
                sku = f"B{number + 1}" + (f"-{value_slug}".upper() if value_slug else "")
                variants.append(
                    (
                        ProductVariant(
                            product=product,
                            sku=sku,
                            name=values.get(value_slug, ""),
                            currency=settings.DEFAULT_CURRENCY,
                            price_override_amount=price,
                            track_inventory=True,
                        ),
                        cooperative.warehouse_id,
                        0 if number % SOLD_OUT_EVERY == 0 else quantity,
                    )
                )
            links.append(CooperativeProduct(product=product, cooperative=cooperative))
        ProductTranslation.objects.bulk_create(translations, batch_size=BATCH)
        ProductVariant.objects.bulk_create([v for v, _, _ in variants], batch_size=BATCH)
        Stock.objects.bulk_create(
            [
                Stock(product_variant=variant, warehouse_id=warehouse_id, quantity=quantity)
                for variant, warehouse_id, quantity in variants
            ],
            batch_size=BATCH,
        )
        CooperativeProduct.objects.bulk_create(links, batch_size=BATCH)
        return len(products)
