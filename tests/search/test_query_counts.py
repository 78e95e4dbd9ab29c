"""Search and listing over GraphQL cost the same number of queries for 3 and 30 results.

Every result carries what a shop page shows: its labels, its cooperative,
whether it is available, and each variant's availability and quantity.
"""

import datetime

import graphene
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from saleor.product.models import ProductVariant
from saleor.warehouse.availability import get_available_quantity_for_customer, is_variant_in_stock
from saleor.warehouse.models import Stock

from catalog_extensions.labels.models import (
    Certification,
    CertificationStatus,
    CertifyingBody,
    Label,
    LabelKind,
)
from marketplace.cooperatives.models import CooperativeProduct

pytestmark = pytest.mark.django_db

RESULT_FIELDS = """id name isAvailable
  labels { label { slug } }
  origin { cooperativeName }
  variants { id isAvailable quantityAvailable stockQuantity }
  pricing { priceRange { start { gross { amount currency } } } }"""
CATALOGUE_SEARCH = f"""query ($count: Int) {{
  catalogueSearch(text: "figues", perPage: $count, sort: "name") {{
    total products {{ {RESULT_FIELDS} }} facets {{ name values {{ value label count }} }}
  }}
}}"""
SALEOR_SEARCH = f"""query ($count: Int) {{
  products(first: $count, filter: {{search: "figues"}}) {{
    totalCount edges {{ node {{ {RESULT_FIELDS} }} }}
  }}
}}"""
LISTING = f"""query ($count: Int) {{
  products(first: $count) {{ totalCount edges {{ node {{ {RESULT_FIELDS} }} }} }}
}}"""


@pytest.fixture
def labelled_figs(shop, cooperatives):
    """30 certified products of two cooperatives, some out of stock."""
    body = CertifyingBody.objects.create(slug="normacert", name="Normacert")
    label = Label.objects.create(
        kind=LabelKind.IGP,
        slug="figues-ouazzane",
        name_fr="Figues de Ouazzane",
        name_ar="تين وزان",
        provinces=[],
    )
    today = timezone.localdate()
    for number in range(30):
        product = shop(
            name=f"Figues sèches {number:02}",
            cooperative="sefrou" if number % 2 else "ifrane",
            quantity=number % 3,
        )
        Certification.objects.create(
            product=product,
            label=label,
            cooperative=CooperativeProduct.objects.get(product=product).cooperative,
            certificate_number=f"CERT-{number}",
            certifying_body=body,
            valid_from=today - datetime.timedelta(days=10),
            valid_until=today + datetime.timedelta(days=300),
            status=CertificationStatus.VERIFIED,
        )


def results(answer):
    data = answer["data"]
    if "catalogueSearch" in data:
        return data["catalogueSearch"]["products"]
    return [edge["node"] for edge in data["products"]["edges"]]


def queries_for(graphql, document, count):
    graphql(document, {"count": count})  # caches warm: site, plugins, sales
    with CaptureQueriesContext(connection) as queries:
        answer = graphql(document, {"count": count})
    assert "errors" not in answer, answer["errors"]
    shown = results(answer)
    assert len(shown) == count
    assert all(product["labels"][0]["label"]["slug"] == "figues-ouazzane" for product in shown)
    assert all(product["origin"]["cooperativeName"] for product in shown)
    assert all(len(product["variants"]) == 1 for product in shown)
    return len(queries)


@pytest.mark.parametrize(
    ("document", "most"),
    [(CATALOGUE_SEARCH, 16), (SALEOR_SEARCH, 18), (LISTING, 16)],
    ids=["catalogueSearch", "products-search", "products-listing"],
)
def test_a_page_of_30_results_costs_the_queries_of_a_page_of_3(
    graphql, labelled_figs, document, most
):
    # when
    for_3 = queries_for(graphql, document, 3)
    for_30 = queries_for(graphql, document, 30)

    # then
    assert for_3 == for_30
    assert for_30 <= most


def test_variant_availability_on_a_page_is_what_saleor_computes_per_variant(
    graphql, labelled_figs
):
    # given: one variant without any stock, one sold without tracking inventory
    stocks = list(Stock.objects.select_related("product_variant").order_by("pk"))
    stocks[0].delete()
    untracked = stocks[3].product_variant
    untracked.track_inventory = False
    untracked.save()

    # when
    answer = graphql(LISTING, {"count": 30})

    # then
    shown = {
        variant["id"]: variant for product in results(answer) for variant in product["variants"]
    }
    expected = {
        graphene.Node.to_global_id("ProductVariant", variant.pk): {
            "quantityAvailable": get_available_quantity_for_customer(variant),
            "stockQuantity": get_available_quantity_for_customer(variant, "MA"),
            "isAvailable": is_variant_in_stock(variant, "MA"),
        }
        for variant in ProductVariant.objects.all()
    }
    fields = ("quantityAvailable", "stockQuantity", "isAvailable")
    assert {
        key: {name: variant[name] for name in fields} for key, variant in shown.items()
    } == expected
    untracked_id = graphene.Node.to_global_id("ProductVariant", untracked.pk)
    without_stock_id = graphene.Node.to_global_id("ProductVariant", stocks[0].product_variant_id)
    assert shown[untracked_id]["quantityAvailable"] > 2
    assert shown[without_stock_id]["isAvailable"] is False
