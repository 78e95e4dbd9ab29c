"""The certificate behind a claim: label staff and the cooperative download it, nobody else."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog_extensions.labels.services.certifications import certification_claim
from tests.fixtures.cooperatives import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim_with_certificate(owner, oil, igp, body):
    today = datetime.date.today()
    return certification_claim(
        user=owner,
        product_id=oil.pk,
        label=igp,
        certificate_number="IGP-SEF-1",
        certifying_body=body,
        valid_from=today,
        valid_until=today + datetime.timedelta(days=300),
        uploaded_file=SimpleUploadedFile("certificat sefrou.pdf", PDF_BYTES, "application/pdf"),
    )


def _download_link(client, claim):
    page = client.get(f"/backoffice/labels/claims/{claim.pk}/").content.decode()
    return re.search(r'href="(/backoffice/labels/certificates/[^"]+/)"', page).group(1)


def test_label_staff_download_the_certificate_from_the_claim_page(
    client, label_manager, claim_with_certificate
):
    # given staff holding manage_labels only (not manage_cooperatives)
    client.force_login(label_manager)

    # when they follow the certificate link of the claim
    response = client.get(_download_link(client, claim_with_certificate))

    # then they get the very file, as an attachment
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "actor", ["customer", "other_cooperative_member", "staff_without_permission"]
)
def test_others_cannot_use_a_leaked_certificate_link(
    client, label_manager, label_actors, claim_with_certificate, actor
):
    client.force_login(label_manager)
    link = _download_link(client, claim_with_certificate)
    client.logout()

    client.force_login(label_actors[actor])
    response = client.get(link)

    assert response.status_code == 403


def test_member_reads_its_certificate_url_over_the_api(
    graphql, user_token, owner, claim_with_certificate
):
    result = graphql(
        "{ certifications(first: 5) { edges { node { certificateUrl events { toStatus } } } } }",
        token=user_token(owner),
    )

    [edge] = result["data"]["certifications"]["edges"]
    assert "/backoffice/labels/certificates/" in edge["node"]["certificateUrl"]
    assert edge["node"]["events"] == [{"toStatus": "PENDING"}]
