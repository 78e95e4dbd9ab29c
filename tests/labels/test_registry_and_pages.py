"""The label registry's checks, the public label pages and the back-office pages in Arabic."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog_extensions.labels.models import Certification, Label
from catalog_extensions.labels.selectors import product_ids_with_label
from tests.fixtures.cooperatives import PDF_BYTES

from .conftest import make_certification

pytestmark = pytest.mark.django_db

LABEL_CREATE = """
mutation ($input: LabelInput!) {
  labelCreate(input: $input) { label { slug provinces } labelErrors { field code } }
}
"""


def test_igp_without_area_is_refused(graphql, user_token, label_manager):
    result = graphql(
        LABEL_CREATE,
        {"input": {"kind": "IGP", "slug": "igp-x", "nameFr": "IGP X", "nameAr": "س"}},
        token=user_token(label_manager),
    )

    errors = result["data"]["labelCreate"]["labelErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("provinces", "REQUIRED")]
    assert not Label.objects.exists()


def test_duplicate_slug_is_refused_with_its_code(graphql, user_token, label_manager, igp):
    result = graphql(
        LABEL_CREATE,
        {"input": {"kind": "ORGANIC", "slug": igp.slug, "nameFr": "Bio", "nameAr": "عضوي"}},
        token=user_token(label_manager),
    )

    errors = result["data"]["labelCreate"]["labelErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("slug", "DUPLICATE_SLUG")]
    assert Label.objects.count() == 1


def test_label_manager_creates_an_igp_with_its_area(graphql, user_token, label_manager, body):
    import graphene

    result = graphql(
        LABEL_CREATE,
        {
            "input": {
                "kind": "IGP",
                "slug": "igp-amandes-aknoul",
                "nameFr": "Amandes d'Aknoul",
                "nameAr": "لوز أكنول",
                "provinces": ["taza"],
                "certifyingBodies": [graphene.Node.to_global_id("CertifyingBody", body.pk)],
            }
        },
        token=user_token(label_manager),
    )

    assert result["data"]["labelCreate"] == {
        "label": {"slug": "igp-amandes-aknoul", "provinces": ["taza"]},
        "labelErrors": [],
    }
    assert list(Label.objects.get().certifying_bodies.all()) == [body]


def test_public_labels_api_lists_the_registry_with_total_count(graphql, igp, organic):
    result = graphql(
        """{ labels(first: 1) { totalCount edges { node { slug name guarantees } } }
             label(slug: "bio") { kind certifyingBodies { name } } }"""
    )

    assert result["data"]["labels"]["totalCount"] == 2
    assert len(result["data"]["labels"]["edges"]) == 1
    assert result["data"]["label"]["kind"] == "ORGANIC"
    assert len(result["data"]["label"]["certifyingBodies"]) == 2


def test_label_page_explains_the_guarantee_and_hides_pending_claims(
    client, igp, oil, other_oil
):
    # given one verified and one pending certification of the label
    make_certification(oil, igp)
    make_certification(other_oil, igp, status="pending")

    # when a shopper opens the label's page
    body = client.get(f"/labels/{igp.slug}/").content.decode()

    # then it explains what the label guarantees and lists only the verified product
    assert "Olives récoltées et pressées dans la zone." in body
    assert f'data-product="{oil.slug}"' in body
    assert f'data-product="{other_oil.slug}"' not in body
    assert list(product_ids_with_label(igp.slug)) == [oil.pk]


def test_labels_of_a_suspended_cooperative_are_hidden(client, igp, oil, approved_cooperative):
    make_certification(oil, igp)
    approved_cooperative.status = "suspended"
    approved_cooperative.save()

    body = client.get(f"/labels/{igp.slug}/").content.decode()

    assert f'data-product="{oil.slug}"' not in body
    assert list(product_ids_with_label(igp.slug)) == []


def test_claim_page_in_arabic_shows_the_area_error_and_stores_nothing(
    client, owner, approved_cooperative, oil, igp, body
):
    # given the cooperative is in Taza, outside the Sefrou IGP's area
    approved_cooperative.province = "taza"
    approved_cooperative.save()
    client.force_login(owner)
    today = datetime.date.today()

    # when it claims the IGP on the Arabic page
    response = client.post(
        f"/ar/backoffice/labels/cooperatives/{approved_cooperative.slug}/certifications/",
        {
            "product": oil.cooperative_link.pk,
            "label": igp.pk,
            "certifying_body": body.pk,
            "certificate_number": "N-3",
            "valid_from": today.isoformat(),
            "valid_until": (today + datetime.timedelta(days=30)).isoformat(),
            "file": SimpleUploadedFile("c.pdf", PDF_BYTES, "application/pdf"),
        },
    )

    # then the page explains it in Arabic, right to left, and nothing is stored
    page = response.content.decode()
    assert response.status_code == 400
    assert 'dir="rtl"' in page
    assert "خارج هذه المنطقة" in page
    assert not Certification.objects.exists()


def test_staff_verify_from_the_claims_page_and_the_badge_appears(
    client, label_manager, pending_claim, oil, igp
):
    client.force_login(label_manager)
    queue = client.get("/backoffice/labels/claims/").content.decode()
    assert f'data-certification="{pending_claim.pk}"' in queue

    response = client.post(f"/backoffice/labels/claims/{pending_claim.pk}/verify/")

    assert response.status_code == 302
    page = client.get(f"/labels/{igp.slug}/").content.decode()
    assert f'data-product="{oil.slug}"' in page


def test_reject_without_reason_is_refused_on_the_page(client, label_manager, pending_claim):
    client.force_login(label_manager)

    response = client.post(
        f"/backoffice/labels/claims/{pending_claim.pk}/reject/", {"reject-reason": ""}
    )

    assert response.status_code == 400
    pending_claim.refresh_from_db()
    assert pending_claim.status == "pending"


def test_back_office_pages_render_in_arabic(
    client, label_manager, owner, approved_cooperative, oil, pending_claim
):
    client.force_login(label_manager)
    for url in (
        "/ar/backoffice/labels/registry/",
        "/ar/backoffice/labels/claims/",
        f"/ar/backoffice/labels/claims/{pending_claim.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()
    client.force_login(owner)
    for url in (
        f"/ar/backoffice/labels/cooperatives/{approved_cooperative.slug}/certifications/",
        f"/ar/backoffice/labels/cooperatives/{approved_cooperative.slug}/products/{oil.pk}/origin/",
    ):
        response = client.get(url)
        assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()
