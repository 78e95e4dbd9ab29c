"""Issue 6, item 10: names and member counts are bounded, and refused the same way everywhere.

The attacks: ``nameEn`` was silently cut to 250 characters (French and
Arabic names were refused); ``membersCount: 2147483647`` was accepted.
"""

import graphene
import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from saleor.product.models import Product

from tests.cooperatives.shop_helpers import create_product, give_warehouse, snapshot

pytestmark = pytest.mark.django_db

TOO_LONG = "م" * 251
INT32_MAX = 2147483647


def gid(type_name, pk):
    return graphene.Node.to_global_id(type_name, pk)


def log_in(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def errors_of(result, mutation):
    return [(e["field"], e["code"]) for e in result["data"][mutation]["cooperativeErrors"]]


# --- product names ----------------------------------------------------------------------

PRODUCT_CREATE = """
mutation Create($cooperative: ID!, $input: CooperativeProductInput!) {
  cooperativeProductCreate(cooperative: $cooperative, input: $input) {
    product { id }
    cooperativeErrors { field code message }
  }
}
"""

PRODUCT_UPDATE = """
mutation Update($id: ID!, $input: CooperativeProductInput!) {
  cooperativeProductUpdate(id: $id, input: $input) {
    product { id translation(languageCode: EN) { name } }
    cooperativeErrors { field code message }
  }
}
"""


@pytest.fixture
def shop(approved_cooperative, shipping_zone):
    give_warehouse(approved_cooperative, shipping_zone)
    return approved_cooperative


@pytest.fixture
def product(shop, owner, product_type, category):
    return create_product(shop, owner, product_type, category)


def product_input(product_type, category, **overrides):
    return {
        "nameFr": "Amlou aux amandes",
        "nameAr": "أملو باللوز",
        "nameEn": "Almond amlou",
        "productType": gid("ProductType", product_type.pk),
        "category": gid("Category", category.pk),
        "price": 75.5,
        "sku": "AMLOU-250",
        "quantity": 9,
        **overrides,
    }


@pytest.mark.parametrize("field", ["nameFr", "nameAr", "nameEn"])
def test_a_product_name_over_250_characters_is_refused_alike_in_every_language(
    graphql, user_token, owner, shop, product_type, category, field
):
    # given
    before = Product.objects.count()

    # when
    result = graphql(
        PRODUCT_CREATE,
        {
            "cooperative": gid("Cooperative", shop.pk),
            "input": product_input(product_type, category, **{field: TOO_LONG}),
        },
        token=user_token(owner),
    )

    # then
    payload = result["data"]["cooperativeProductCreate"]
    assert payload["product"] is None
    assert errors_of(result, "cooperativeProductCreate") == [(field, "INVALID")]
    assert payload["cooperativeErrors"][0]["message"]
    assert Product.objects.count() == before


def test_an_english_name_over_250_characters_is_refused_on_update_and_nothing_changes(
    graphql, user_token, owner, product
):
    # given
    before = snapshot(product)

    # when
    result = graphql(
        PRODUCT_UPDATE,
        {"id": gid("Product", product.pk), "input": {"nameEn": TOO_LONG}},
        token=user_token(owner),
    )

    # then
    assert errors_of(result, "cooperativeProductUpdate") == [("nameEn", "INVALID")]
    assert snapshot(product) == before


def test_an_english_name_of_250_characters_is_kept_whole(graphql, user_token, owner, product):
    # when
    result = graphql(
        PRODUCT_UPDATE,
        {"id": gid("Product", product.pk), "input": {"nameEn": "e" * 250}},
        token=user_token(owner),
    )

    # then
    payload = result["data"]["cooperativeProductUpdate"]
    assert payload["cooperativeErrors"] == []
    assert payload["product"]["translation"]["name"] == "e" * 250


def test_the_product_page_refuses_a_long_english_name_and_nothing_changes(
    client, owner, shop, product, product_type, category
):
    # given
    before = snapshot(product)

    # when
    response = log_in(client, owner).post(
        reverse(
            "backoffice:cooperative-product-edit",
            kwargs={"slug": shop.slug, "product_id": product.pk},
        ),
        {
            "action": "save",
            "name_fr": "Miel de thym",
            "name_ar": "عسل الزعتر",
            "name_en": TOO_LONG,
            "product_type": product_type.pk,
            "category": category.pk,
            "price": "180.00",
            "sku": "MIEL-THYM-500",
            "quantity": "12",
        },
    )

    # then
    assert response.status_code == 200
    assert response.context["form"].errors["name_en"]
    assert snapshot(product) == before


# --- member counts ----------------------------------------------------------------------

COOPERATIVE_UPDATE = """
mutation Update($id: ID!, $input: CooperativeUpdateInput!) {
  cooperativeUpdate(id: $id, input: $input) {
    cooperative { membersCount womenMembers youngMembers }
    cooperativeErrors { field code message }
  }
}
"""


def state(cooperative):
    cooperative.refresh_from_db()
    return model_to_dict(cooperative, exclude=["logo"])


@pytest.mark.parametrize(
    ("figures", "refused"),
    [
        ({"membersCount": INT32_MAX}, "membersCount"),
        ({"membersCount": 100_001}, "membersCount"),
        ({"membersCount": 0}, "membersCount"),
        ({"membersCount": INT32_MAX, "womenMembers": INT32_MAX}, "membersCount"),
        ({"womenMembers": INT32_MAX}, "womenMembers"),
        ({"youngMembers": INT32_MAX}, "youngMembers"),
        ({"membersCount": 30, "youngMembers": 31}, "youngMembers"),
    ],
)
def test_implausible_member_counts_are_refused_and_nothing_changes(
    graphql, user_token, owner, cooperative, figures, refused
):
    # given
    before = state(cooperative)

    # when
    result = graphql(
        COOPERATIVE_UPDATE,
        {"id": gid("Cooperative", cooperative.pk), "input": figures},
        token=user_token(owner),
    )

    # then
    errors = result["data"]["cooperativeUpdate"]["cooperativeErrors"]
    assert (refused, "INVALID") in [(e["field"], e["code"]) for e in errors]
    assert all(error["message"] for error in errors)
    assert state(cooperative) == before


def test_the_largest_plausible_counts_are_accepted(graphql, user_token, owner, cooperative):
    # when
    result = graphql(
        COOPERATIVE_UPDATE,
        {
            "id": gid("Cooperative", cooperative.pk),
            "input": {"membersCount": 100_000, "womenMembers": 100_000, "youngMembers": 0},
        },
        token=user_token(owner),
    )

    # then
    assert result["data"]["cooperativeUpdate"] == {
        "cooperative": {"membersCount": 100_000, "womenMembers": 100_000, "youngMembers": 0},
        "cooperativeErrors": [],
    }


@pytest.mark.parametrize("members", [str(INT32_MAX), "99999999999999999999"])
def test_the_figures_step_refuses_an_implausible_member_count_and_nothing_changes(
    client, owner, cooperative, members
):
    # given
    before = state(cooperative)

    # when
    response = log_in(client, owner).post(
        reverse(
            "backoffice:cooperative-application-step",
            kwargs={"slug": cooperative.slug, "step": "figures"},
        ),
        {"members_count": members, "women_members": "3", "young_members": "2"},
    )

    # then
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["members_count"]] == [
        "invalid"
    ]
    assert state(cooperative) == before
