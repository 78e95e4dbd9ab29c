"""Build and store search documents: the PostgreSQL backend's rows and the
Elasticsearch backend's sources come from the same `build_documents`."""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from psycopg2.extras import execute_values

from marketplace.core.regions import Province

from . import saleor_search
from .labels import labels_for_products
from .models import SearchDocument, SearchLabel
from .normalize import normalize

BATCH_SIZE = 1000


@dataclass
class Label:
    slug: str
    name_fr: str = ""
    name_ar: str = ""
    name_en: str = ""
    valid_from: date | None = None
    valid_until: date | None = None


@dataclass
class Document:
    product_id: int
    name_fr: str
    name_ar: str
    name_en: str
    names: str
    text_ar: str
    text_fr: str
    category_slugs: list[str]
    cooperative_id: int | None
    cooperative_slug: str
    province: str
    price: Decimal | None
    in_stock: bool
    is_published: bool
    publication_date: date | None
    seller_active: bool
    labels: list[Label] = field(default_factory=list)

    def as_source(self):
        """The document as Elasticsearch stores it (JSON-friendly)."""
        source = asdict(self)
        source["price"] = float(self.price) if self.price is not None else None
        source["publication_date"] = (
            self.publication_date.isoformat() if self.publication_date else None
        )
        for label in source["labels"]:
            for key in ("valid_from", "valid_until"):
                label[key] = label[key].isoformat() if label[key] else None
        source["sort_fr"], source["sort_ar"], source["sort_en"] = sort_keys(self)
        return source


def sort_keys(document):
    return (
        normalize(document.name_fr),
        normalize(document.name_ar or document.name_fr),
        normalize(document.name_en or document.name_fr),
    )


def _province_names(province):
    if not province:
        return ""
    try:
        return str(Province(province).label)
    except ValueError:
        return ""


def build_documents(product_ids):
    product_ids = list(product_ids)
    if not product_ids:
        return []
    paths = saleor_search.category_paths()
    stocked = saleor_search.in_stock_product_ids(product_ids)
    labels = labels_for_products(product_ids)
    documents = []
    for product in saleor_search.products_for_documents(product_ids):
        translations = {t.language_code: t for t in product.translations.all()}
        ar, en = translations.get("ar"), translations.get("en")
        name_ar, name_en = (ar.name if ar else ""), (en.name if en else "")
        slugs, category_names = paths.get(product.category_id, ([], {}))
        cooperative = saleor_search.cooperative_of(product)
        product_labels = [Label(**item) for item in labels.get(product.pk, [])]
        category = {language: " ".join(names) for language, names in category_names.items()}
        coop_fr = cooperative.name_fr if cooperative else ""
        coop_ar = (cooperative.name_ar if cooperative else "") or ""
        province = cooperative.province if cooperative else ""
        label_ar = " ".join(label.name_ar for label in product_labels)
        label_latin = " ".join(f"{label.name_fr} {label.name_en}" for label in product_labels)
        documents.append(
            Document(
                product_id=product.pk,
                name_fr=product.name,
                name_ar=name_ar,
                name_en=name_en,
                names=normalize(
                    " ".join(
                        [product.name, name_ar, name_en, coop_fr, coop_ar, *category.values()]
                    )
                ),
                text_ar=normalize(
                    " ".join(
                        [ar.description if ar else "", category.get("ar", ""), coop_ar, label_ar]
                    )
                ),
                text_fr=normalize(
                    " ".join(
                        [
                            product.description,
                            en.description if en else "",
                            category.get("fr", ""),
                            category.get("en", ""),
                            coop_fr,
                            label_latin,
                            _province_names(province),
                        ]
                    )
                ),
                category_slugs=slugs,
                cooperative_id=cooperative.pk if cooperative else None,
                cooperative_slug=cooperative.slug if cooperative else "",
                province=province or "",
                price=product.minimal_variant_price_amount,
                in_stock=product.pk in stocked,
                is_published=product.is_published,
                publication_date=product.publication_date,
                seller_active=saleor_search.is_approved(cooperative),
                labels=product_labels,
            )
        )
    return documents


COLUMNS = (
    ("product_id", "int"),
    ("name_fr", "varchar"),
    ("name_ar", "varchar"),
    ("name_en", "varchar"),
    ("sort_fr", "varchar"),
    ("sort_ar", "varchar"),
    ("sort_en", "varchar"),
    ("names", "text"),
    ("text_ar", "text"),
    ("text_fr", "text"),
    ("category_slugs", "varchar[]"),
    ("cooperative_id", "int"),
    ("cooperative_slug", "varchar"),
    ("province", "varchar"),
    ("price", "numeric"),
    ("in_stock", "bool"),
    ("is_published", "bool"),
    ("publication_date", "date"),
    ("seller_active", "bool"),
)
# The vector is computed in the same statement as the row: one write per
# document, so each GIN index is updated once.
INSERT_SQL = """
INSERT INTO catalog_search_searchdocument ({columns}, document, updated_at)
SELECT v.*,
    setweight(to_tsvector('arabic', v.sort_ar), 'A')
    || setweight(to_tsvector('search_fr', v.sort_fr || ' ' || v.sort_en), 'A')
    || setweight(to_tsvector('simple', v.names), 'B')
    || setweight(to_tsvector('arabic', v.text_ar), 'C')
    || setweight(to_tsvector('search_fr', v.text_fr), 'C'),
    now()
FROM (VALUES %s) AS v({columns})
""".format(columns=", ".join(name for name, _type in COLUMNS))
VALUES_TEMPLATE = "(" + ", ".join(f"%s::{type_}" for _name, type_ in COLUMNS) + ")"


def _row(document):
    sort_fr = normalize(document.name_fr)
    return (
        document.product_id,
        document.name_fr[:250],
        document.name_ar[:250],
        document.name_en[:250],
        sort_fr[:250],
        normalize(document.name_ar)[:250],
        normalize(document.name_en)[:250],
        document.names,
        document.text_ar,
        document.text_fr,
        document.category_slugs,
        document.cooperative_id,
        document.cooperative_slug,
        document.province,
        document.price,
        document.in_stock,
        document.is_published,
        document.publication_date,
        document.seller_active,
    )


def store_documents(documents, *, removed=()):
    """Replace the PostgreSQL rows of these products (and drop `removed` ones)."""
    ids = [document.product_id for document in documents]
    with transaction.atomic():
        SearchDocument.objects.filter(product_id__in=[*ids, *removed]).delete()
        SearchLabel.objects.filter(product_id__in=[*ids, *removed]).delete()
        if documents:
            with connection.cursor() as cursor:
                execute_values(
                    cursor.cursor,
                    INSERT_SQL,
                    [_row(document) for document in documents],
                    template=VALUES_TEMPLATE,
                    page_size=BATCH_SIZE,
                )
        SearchLabel.objects.bulk_create(
            [
                SearchLabel(product_id=document.product_id, **vars(label))
                for document in documents
                for label in document.labels
            ],
            batch_size=BATCH_SIZE,
        )


def index_products(product_ids):
    """Bring the PostgreSQL documents of these products up to date; returns the documents."""
    product_ids = set(product_ids)
    documents = build_documents(product_ids)
    found = {document.product_id for document in documents}
    store_documents(documents, removed=product_ids - found)
    return documents
