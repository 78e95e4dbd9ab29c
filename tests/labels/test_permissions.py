"""Who may do what, for every labels mutation and back-office page; refusals change nothing."""

import datetime

import graphene
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog_extensions.labels.models import Certification, CertificationStatus, Label
from catalog_extensions.origin.models import ProductOrigin
from tests.fixtures.cooperatives import PDF_BYTES

from .conftest import make_certification

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "customer",
    "other_cooperative_member",
    "member",
    "staff_without_permission",
    "label_manager",
]


def gid(type_name, pk):
    return graphene.Node.to_global_id(type_name, pk)


def snapshot():
    return {
        "labels": sorted(Label.objects.values_list("slug", "name_fr")),
        "certifications": sorted(Certification.objects.values_list("pk", "status", "reason")),
        "origins": sorted(ProductOrigin.objects.values_list("product_id", "net_quantity")),
    }


def _ok(result, name):
    payload = (result.get("data") or {}).get(name)
    return bool(payload) and not payload.get("labelErrors") and not result.get("errors")


LABEL_CREATE = """mutation { labelCreate(input: {kind: ORGANIC, slug: "bio-new", nameFr: "Bio",
  nameAr: "عضوي"}) { label { slug } labelErrors { code } } }"""


@pytest.mark.parametrize("actor", ACTORS)
def test_label_create_only_for_label_managers(graphql, user_token, label_actors, actor):
    before = snapshot()
    result = graphql(LABEL_CREATE, token=user_token(label_actors[actor]))
    allowed = actor == "label_manager"
    assert _ok(result, "labelCreate") is allowed
    if not allowed:
        assert snapshot() == before


@pytest.mark.parametrize("actor", ACTORS)
def test_label_update_only_for_label_managers(graphql, user_token, label_actors, igp, actor):
    before = snapshot()
    result = graphql(
        """mutation ($id: ID!) { labelUpdate(id: $id, input: {nameFr: "Nouveau nom"}) {
           label { nameFr } labelErrors { code } } }""",
        {"id": gid("Label", igp.pk)},
        token=user_token(label_actors[actor]),
    )
    allowed = actor == "label_manager"
    assert _ok(result, "labelUpdate") is allowed
    if allowed:
        igp.refresh_from_db()
        assert igp.name_fr == "Nouveau nom"
    else:
        assert snapshot() == before


@pytest.mark.parametrize("actor", ACTORS)
def test_claim_only_by_the_products_cooperative(graphql, user_token, label_actors, oil, igp,
                                                body, actor):
    before = snapshot()
    today = datetime.date.today()
    result = graphql(
        """mutation ($input: CertificationClaimInput!) { certificationClaim(input: $input) {
           certification { status } labelErrors { code } } }""",
        {
            "input": {
                "product": gid("Product", oil.pk),
                "label": gid("Label", igp.pk),
                "certifyingBody": gid("CertifyingBody", body.pk),
                "certificateNumber": "N-1",
                "validFrom": today.isoformat(),
                "validUntil": (today + datetime.timedelta(days=30)).isoformat(),
                "certificate": "certificate",
            }
        },
        token=user_token(label_actors[actor]),
        files={
            "input.certificate": SimpleUploadedFile("c.pdf", PDF_BYTES, "application/pdf")
        },
    )
    allowed = actor == "member"
    assert _ok(result, "certificationClaim") is allowed
    if not allowed:
        assert snapshot() == before


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    "mutation, status_before, status_after",
    [
        ("certificationVerify(id: $id)", "pending", "verified"),
        ('certificationReject(id: $id, reason: "Illisible")', "pending", "rejected"),
        ('certificationRevoke(id: $id, reason: "Fraude")', "verified", "revoked"),
    ],
)
def test_review_mutations_only_for_label_managers(
    graphql, user_token, label_actors, oil, igp, actor, mutation, status_before, status_after
):
    certification = make_certification(oil, igp, status=status_before)
    before = snapshot()
    name = mutation.split("(")[0]
    result = graphql(
        f"mutation ($id: ID!) {{ {mutation} {{ certification {{ status }} "
        "labelErrors { code } } }",
        {"id": gid("Certification", certification.pk)},
        token=user_token(label_actors[actor]),
    )
    allowed = actor == "label_manager"
    assert _ok(result, name) is allowed
    certification.refresh_from_db()
    if allowed:
        assert certification.status == status_after
    else:
        assert snapshot() == before
        assert certification.events.count() == 0


@pytest.mark.parametrize("actor", ACTORS)
def test_product_origin_update_only_by_the_products_cooperative(
    graphql, user_token, label_actors, oil, actor
):
    before = snapshot()
    result = graphql(
        """mutation ($id: ID!) { productOriginUpdate(product: $id, input: {netQuantity: "1 L",
           commune: "Bhalil", ingredientsFr: "Huile d'olive vierge extra"}) {
           origin { netQuantity commune } labelErrors { code } } }""",
        {"id": gid("Product", oil.pk)},
        token=user_token(label_actors[actor]),
    )
    allowed = actor == "member"
    assert _ok(result, "productOriginUpdate") is allowed
    if allowed:
        assert result["data"]["productOriginUpdate"]["origin"] == {
            "netQuantity": "1 L",
            "commune": "Bhalil",
        }
    else:
        assert snapshot() == before


@pytest.mark.parametrize("actor", ACTORS)
def test_certifications_query_shows_staff_everything_members_their_own(
    graphql, user_token, label_actors, oil, other_oil, igp, actor
):
    make_certification(oil, igp, status=CertificationStatus.PENDING)
    make_certification(other_oil, igp, status=CertificationStatus.PENDING)
    result = graphql(
        "{ certifications(first: 10) { totalCount edges { node { product { name } } } } }",
        token=user_token(label_actors[actor]),
    )
    expected = {
        "anonymous": None,
        "customer": 0,
        "other_cooperative_member": 1,
        "member": 1,
        "staff_without_permission": 0,
        "label_manager": 2,
    }[actor]
    if expected is None:
        assert result["data"]["certifications"] is None and result["errors"]
    else:
        assert result["data"]["certifications"]["totalCount"] == expected


# --- pages -------------------------------------------------------------------------------

STAFF_PAGES = [
    "/backoffice/labels/registry/",
    "/backoffice/labels/registry/new/",
    "/backoffice/labels/claims/",
]


def _login(client, user):
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_pages_only_for_label_managers(client, label_actors, igp, actor, url):
    _login(client, label_actors[actor])
    response = client.get(url)
    if actor == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif actor == "label_manager":
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("actor", ACTORS)
def test_claim_page_and_decisions_only_for_label_managers(
    client, label_actors, pending_claim, actor
):
    _login(client, label_actors[actor])
    detail = client.get(f"/backoffice/labels/claims/{pending_claim.pk}/")
    verify = client.post(f"/backoffice/labels/claims/{pending_claim.pk}/verify/")
    pending_claim.refresh_from_db()
    if actor == "label_manager":
        assert detail.status_code == 200
        assert verify.status_code == 302
        assert pending_claim.status == "verified"
    else:
        assert detail.status_code in (302, 403) and verify.status_code in (302, 403)
        assert pending_claim.status == "pending"


@pytest.mark.parametrize("actor", ACTORS)
def test_cooperative_certifications_page_only_for_its_members(
    client, label_actors, approved_cooperative, oil, igp, body, actor
):
    _login(client, label_actors[actor])
    url = f"/backoffice/labels/cooperatives/{approved_cooperative.slug}/certifications/"
    page = client.get(url)
    today = datetime.date.today()
    post = client.post(
        url,
        {
            "product": oil.cooperative_link.pk,
            "label": igp.pk,
            "certifying_body": body.pk,
            "certificate_number": "N-2",
            "valid_from": today.isoformat(),
            "valid_until": (today + datetime.timedelta(days=30)).isoformat(),
            "file": SimpleUploadedFile("c.pdf", PDF_BYTES, "application/pdf"),
        },
    )
    if actor == "member":
        assert page.status_code == 200
        assert post.status_code == 302
        assert Certification.objects.get().status == "pending"
    else:
        assert page.status_code in (302, 403) and post.status_code in (302, 403)
        assert not Certification.objects.exists()


@pytest.mark.parametrize("actor", ACTORS)
def test_origin_page_only_for_the_products_cooperative(
    client, label_actors, approved_cooperative, oil, actor
):
    _login(client, label_actors[actor])
    url = f"/backoffice/labels/cooperatives/{approved_cooperative.slug}/products/{oil.pk}/origin/"
    page = client.get(url)
    post = client.post(url, {"province": "sefrou", "commune": "Bhalil", "net_quantity": "1 L"})
    if actor == "member":
        assert page.status_code == 200 and post.status_code == 302
        assert ProductOrigin.objects.get().net_quantity == "1 L"
    else:
        assert page.status_code in (302, 403) and post.status_code in (302, 403)
        assert not ProductOrigin.objects.exists()


def test_origin_page_refuses_a_bad_onssa_number_and_keeps_nothing(
    client, owner, approved_cooperative, oil
):
    client.force_login(owner)
    url = f"/backoffice/labels/cooperatives/{approved_cooperative.slug}/products/{oil.pk}/origin/"
    response = client.post(url, {"province": "sefrou", "onssa_number": "<b>"})
    assert response.status_code == 400
    assert not ProductOrigin.objects.exists()
