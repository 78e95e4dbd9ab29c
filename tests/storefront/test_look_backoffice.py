"""The back office on a phone: confirmations, Arabic-only products, translated menus, plurals."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext
from saleor.product.models import Product

from marketplace.cooperatives.models import CooperativeStatus, Membership, MembershipRole
from tests.cooperatives.shop_helpers import create_product, give_warehouse
from tests.fixtures.cooperatives import make_cooperative, make_user

pytestmark = pytest.mark.django_db
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def shop(approved_cooperative, shipping_zone):
    give_warehouse(approved_cooperative, shipping_zone)
    return approved_cooperative


def new_product_form(product_type, category, **overrides):
    data = {
        "name_fr": "",
        "name_ar": "زيت زيتون زرهون",
        "product_type": product_type.pk,
        "category": category.pk,
        "price": "95.00",
        "sku": "ZIT-1L",
        "quantity": "12",
    }
    return {**data, **overrides}


def test_member_creates_a_product_with_an_arabic_name_only(
    client, owner, shop, product_type, category
):
    # given
    client.force_login(owner, backend=SESSION_BACKEND)

    # when
    response = client.post(
        reverse("backoffice:cooperative-product-create", kwargs={"slug": shop.slug}),
        new_product_form(product_type, category),
    )

    # then
    assert response.status_code == 302
    product = Product.objects.get()
    assert product.name == "زيت زيتون زرهون"
    assert product.translations.get(language_code="ar").name == "زيت زيتون زرهون"


def test_product_without_any_name_is_refused_in_the_member_language(
    client, owner, shop, product_type, category
):
    # given
    client.force_login(owner, backend=SESSION_BACKEND)

    # when
    response = client.post(
        reverse("backoffice:cooperative-product-create", kwargs={"slug": shop.slug}).replace(
            "/backoffice/", "/ar/backoffice/", 1
        ),
        new_product_form(product_type, category, name_ar=""),
    )

    # then
    assert response.status_code == 200
    assert "أدخل اسم المنتج بالعربية أو بالفرنسية." in response.content.decode()
    assert Product.objects.count() == 0


def test_arabic_product_form_lists_translated_types_and_arabic_name_first(
    client, owner, shop, product_type, category
):
    # given
    category.translations.create(language_code="ar", name="زيوت الزيتون")
    client.force_login(owner, backend=SESSION_BACKEND)

    # when
    content = client.get(f"/ar/backoffice/cooperatives/{shop.slug}/products/new/").content.decode()

    # then
    assert ">زيت الزيتون</option>" in content  # product type "Huile d'olive"
    assert "زيوت الزيتون</option>" in content
    assert content.index('name="name_ar"') < content.index('name="name_fr"')


def test_removing_a_member_without_ticking_the_box_changes_nothing(client, owner, shop):
    # given
    manager = make_user("manager@example.com")
    membership = Membership.objects.create(
        cooperative=shop, user=manager, role=MembershipRole.MANAGER
    )
    client.force_login(owner, backend=SESSION_BACKEND)

    # when
    response = client.post(
        reverse(
            "backoffice:cooperative-member-remove", kwargs={"slug": shop.slug, "pk": membership.pk}
        ),
        follow=True,
    )

    # then
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "Cochez la case pour confirmer" in response.content.decode()


def test_deleting_a_product_without_ticking_the_box_keeps_it(
    client, owner, shop, product_type, category
):
    # given
    product = create_product(shop, owner, product_type, category)
    client.force_login(owner, backend=SESSION_BACKEND)

    # when
    client.post(
        reverse(
            "backoffice:cooperative-product-delete",
            kwargs={"slug": shop.slug, "product_id": product.pk},
        )
    )

    # then
    assert Product.objects.filter(pk=product.pk).exists()


def test_dangerous_actions_look_different_and_ask_for_confirmation(
    client, owner, shop, product_type, category
):
    # given
    product = create_product(shop, owner, product_type, category)
    client.force_login(owner, backend=SESSION_BACKEND)

    # when
    content = client.get(
        reverse(
            "backoffice:cooperative-product-edit",
            kwargs={"slug": shop.slug, "product_id": product.pk},
        )
    ).content.decode()

    # then
    assert 'type="checkbox" name="confirm" required' in content
    assert 'class="danger"' in content


def test_rejecting_without_confirmation_keeps_the_application_submitted(client, owner):
    # given
    reviewer = make_user("council@example.com", permissions=["cooperatives.manage_cooperatives"])
    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.SUBMITTED)
    client.force_login(reviewer, backend=SESSION_BACKEND)

    # when
    response = client.post(
        reverse("backoffice:cooperative-review-reject", kwargs={"slug": cooperative.slug}),
        {"reject-reason": "Hors ESS"},
    )

    # then
    cooperative.refresh_from_db()
    assert cooperative.status == CooperativeStatus.SUBMITTED
    assert response.status_code == 200
    assert 'class="danger"' in response.content.decode()


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "تبقّت قطعة واحدة للشحن (1)"),
        (2, "تبقّت قطعتان للشحن (2)"),
        (5, "تبقّت 5 قطع للشحن"),
        (11, "تبقّت 11 قطعة للشحن"),
        (100, "تبقّت 100 قطعة للشحن"),
    ],
)
def test_arabic_counts_use_the_right_plural_form(count, expected):
    # when
    with translation.override("ar"):
        text = ngettext("%(count)d left to ship", "%(count)d left to ship", count) % {
            "count": count
        }

    # then
    assert text == expected


def test_french_counts_agree_with_the_number():
    # when
    with translation.override("fr"):
        one = ngettext("%(shipped)s shipped", "%(shipped)s shipped", 1) % {"shipped": 1}
        two = ngettext("%(shipped)s shipped", "%(shipped)s shipped", 2) % {"shipped": 2}

    # then
    assert (one, two) == ("1 expédié", "2 expédiés")
