"""Claiming a label over the real API: own products only, the IGP's area, the evidence filed."""

import datetime
import hashlib

import graphene
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog_extensions.labels.models import Certification, CertificationStatus
from marketplace.cooperatives.models import Document
from tests.fixtures.cooperatives import PDF_BYTES

from .conftest import make_certification

pytestmark = pytest.mark.django_db

CLAIM = """
mutation ($input: CertificationClaimInput!) {
  certificationClaim(input: $input) {
    certification { id status code label { slug } }
    labelErrors { field code message }
  }
}
"""

VERIFY = """
mutation ($id: ID!) {
  certificationVerify(id: $id) {
    certification { status }
    labelErrors { field code }
  }
}
"""


def gid(type_name, pk):
    return graphene.Node.to_global_id(type_name, pk)


def claim_input(product, label, body, **overrides):
    today = datetime.date.today()
    return {
        "product": gid("Product", product.pk),
        "label": gid("Label", label.pk),
        "certifyingBody": gid("CertifyingBody", body.pk),
        "certificateNumber": "IGP-SEF-2026-014",
        "validFrom": (today - datetime.timedelta(days=10)).isoformat(),
        "validUntil": (today + datetime.timedelta(days=355)).isoformat(),
        "certificate": "certificate",
        **overrides,
    }


def pdf_upload():
    return SimpleUploadedFile("certificat.pdf", PDF_BYTES, "application/pdf")


def test_member_claims_igp_for_own_product_with_certificate(
    graphql, user_token, owner, oil, igp, body
):
    # given a member of the Sefrou cooperative
    # when it claims the Sefrou olive-oil IGP with the certificate attached
    result = graphql(
        CLAIM,
        {"input": claim_input(oil, igp, body)},
        token=user_token(owner),
        files={"input.certificate": pdf_upload()},
    )

    # then the claim waits for review, with its certificate filed privately and hashed
    payload = result["data"]["certificationClaim"]
    assert payload["labelErrors"] == []
    assert payload["certification"]["status"] == "PENDING"
    certification = Certification.objects.get()
    assert certification.document.kind == "label_certificate"
    assert certification.document.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert len(certification.code) >= 16 and not certification.code.isdigit()
    assert certification.events.get().to_status == CertificationStatus.PENDING


def test_codes_are_unguessable(oil, igp, organic):
    first = make_certification(oil, igp)
    second = make_certification(oil, organic)
    assert first.code != second.code
    assert str(first.pk) not in (first.code, second.code)


def test_claim_for_another_cooperatives_product_is_refused(
    graphql, user_token, owner, other_oil, igp, body
):
    # when a member claims a label for a product of another cooperative
    result = graphql(
        CLAIM,
        {"input": claim_input(other_oil, igp, body)},
        token=user_token(owner),
        files={"input.certificate": pdf_upload()},
    )

    # then it is refused on the product field and nothing is stored
    errors = result["data"]["certificationClaim"]["labelErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("product", "PRODUCT_NOT_OWNED")]
    assert not Certification.objects.exists()
    assert not Document.objects.exists()


def test_igp_claimed_from_outside_its_area_is_refused_with_code_and_field(
    graphql, user_token, owner, approved_cooperative, oil, igp, body
):
    # given the cooperative is in Taza, outside the Sefrou IGP's area
    approved_cooperative.province = "taza"
    approved_cooperative.save()

    # when it claims the IGP
    result = graphql(
        CLAIM,
        {"input": claim_input(oil, igp, body)},
        token=user_token(owner),
        files={"input.certificate": pdf_upload()},
    )

    # then it is refused with a clear error on the label, nothing stored
    errors = result["data"]["certificationClaim"]["labelErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("label", "OUTSIDE_PROTECTED_AREA")]
    assert "Sefrou" in errors[0]["message"]
    assert not Certification.objects.exists()
    assert not Document.objects.exists()


def test_body_not_allowed_for_label_is_refused(
    graphql, user_token, owner, oil, igp, other_body
):
    result = graphql(
        CLAIM,
        {"input": claim_input(oil, igp, other_body)},
        token=user_token(owner),
        files={"input.certificate": pdf_upload()},
    )

    errors = result["data"]["certificationClaim"]["labelErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("certifyingBody", "CERTIFYING_BODY_NOT_ALLOWED")
    ]
    assert not Certification.objects.exists()


def test_claim_without_required_certificate_is_refused(graphql, user_token, owner, oil, igp, body):
    result = graphql(
        CLAIM, {"input": claim_input(oil, igp, body, certificate=None)}, token=user_token(owner)
    )

    errors = result["data"]["certificationClaim"]["labelErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("file", "CERTIFICATE_REQUIRED")]
    assert not Certification.objects.exists()


def test_certificate_with_web_page_code_is_refused(graphql, user_token, owner, oil, igp, body):
    fake = SimpleUploadedFile("c.pdf", b"%PDF-1.4 <script>alert(1)</script>", "application/pdf")

    result = graphql(
        CLAIM,
        {"input": claim_input(oil, igp, body)},
        token=user_token(owner),
        files={"input.certificate": fake},
    )

    errors = result["data"]["certificationClaim"]["labelErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("file", "INVALID_FILE_TYPE")]
    assert not Certification.objects.exists() and not Document.objects.exists()


def test_second_open_claim_of_same_label_is_refused(
    graphql, user_token, owner, oil, igp, body, pending_claim
):
    result = graphql(
        CLAIM,
        {"input": claim_input(oil, igp, body)},
        token=user_token(owner),
        files={"input.certificate": pdf_upload()},
    )

    errors = result["data"]["certificationClaim"]["labelErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("label", "ALREADY_CLAIMED")]
    assert Certification.objects.count() == 1


def test_staff_member_of_the_cooperative_cannot_verify_its_own_claim(
    graphql, user_token, label_manager, approved_cooperative, pending_claim
):
    # given the label manager is also a member of the claiming cooperative
    from marketplace.cooperatives.models import Membership

    Membership.objects.create(
        cooperative=approved_cooperative, user=label_manager, role="manager"
    )

    # when they verify the claim
    result = graphql(
        VERIFY, {"id": gid("Certification", pending_claim.pk)}, token=user_token(label_manager)
    )

    # then it is refused and the claim still waits
    errors = result["data"]["certificationVerify"]["labelErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "OWN_CLAIM")]
    pending_claim.refresh_from_db()
    assert pending_claim.status == CertificationStatus.PENDING
    assert pending_claim.events.count() == 0


def test_verify_twice_records_one_transition(graphql, user_token, label_manager, pending_claim):
    # when staff verify the same claim twice (a double click)
    first = graphql(
        VERIFY, {"id": gid("Certification", pending_claim.pk)}, token=user_token(label_manager)
    )
    second = graphql(
        VERIFY, {"id": gid("Certification", pending_claim.pk)}, token=user_token(label_manager)
    )

    # then one verification is recorded, the second is an invalid transition
    assert first["data"]["certificationVerify"]["certification"]["status"] == "VERIFIED"
    assert [e["code"] for e in second["data"]["certificationVerify"]["labelErrors"]] == [
        "INVALID_TRANSITION"
    ]
    assert pending_claim.events.filter(to_status="verified").count() == 1


def test_revoke_hides_the_badge_and_records_why(
    graphql, user_token, label_manager, verified, oil, run_on_commit
):
    from catalog_extensions.labels.selectors import displayable_labels_by_product

    with run_on_commit():
        result = graphql(
            """mutation ($id: ID!) { certificationRevoke(id: $id, reason: "Certificat retiré") {
                 certification { status } labelErrors { code } } }""",
            {"id": gid("Certification", verified.pk)},
            token=user_token(label_manager),
        )

    assert result["data"]["certificationRevoke"]["certification"]["status"] == "REVOKED"
    assert displayable_labels_by_product([oil.pk]) == {}
    event = verified.events.get()
    assert (event.actor, event.reason, event.to_status) == (
        label_manager,
        "Certificat retiré",
        "revoked",
    )
