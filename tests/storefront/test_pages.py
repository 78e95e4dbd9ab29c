import pytest
from django.test import Client, override_settings
from django.urls import path

from marketplace.cooperatives.models import CooperativeStatus
from storefront.demo import PAGES, seed
from storefront.saleor_pages import published_pages
from tests.fixtures.cooperatives import make_cooperative

pytestmark = pytest.mark.django_db


def test_static_pages_are_seeded_once_in_three_languages(client):
    # when
    first = seed(None)
    second = seed(None)

    # then
    assert (first, second) == (len(PAGES), 0)
    french = client.get("/pages/terms-of-sale/").content.decode()
    arabic = client.get("/ar/pages/terms-of-sale/").content.decode()
    english = client.get("/en/pages/returns/").content.decode()
    assert "<h1>Conditions générales de vente</h1>" in french
    assert "<h1>الشروط العامة للبيع</h1>" in arabic
    assert "<h1>Returns and refunds</h1>" in english


def test_unknown_page_is_a_translated_not_found_page(client):
    # when
    response = client.get("/ar/pages/nothing-here/")

    # then
    assert response.status_code == 404
    content = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert "الصفحة غير موجودة" in content


def test_unknown_address_is_a_not_found_page_in_french_by_default(client):
    # when
    response = client.get("/no/such/place/")

    # then
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_every_footer_page_exists_after_seeding(client):
    # given
    seed(None)

    # then
    assert {slug for slug, _updated in published_pages()} == {spec["slug"] for spec in PAGES}


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken)]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_page_is_translated_and_needs_no_database(django_assert_num_queries):
    # given
    client = Client(raise_request_exception=False)

    # when
    with django_assert_num_queries(0):
        response = client.get("/broken/", HTTP_ACCEPT_LANGUAGE="ar")

    # then
    assert response.status_code == 500
    assert "حدث خطأ ما" in response.content.decode()


def test_demo_draws_a_logo_for_approved_cooperatives_only():
    # given
    approved = make_cooperative(status=CooperativeStatus.APPROVED, sectors=["honey"])
    draft = make_cooperative()

    # when
    seed(None)

    # then
    approved.refresh_from_db()
    draft.refresh_from_db()
    assert approved.logo.name.endswith(".png")
    assert not draft.logo
