import hashlib

import graphene
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict

from marketplace.cooperatives.models import (
    REQUIRED_DOCUMENT_KINDS,
    Cooperative,
    CooperativeStatus,
    CooperativeTransition,
    Document,
    Membership,
)
from tests.fixtures.cooperatives import (
    PDF_BYTES,
    make_cooperative,
    png_bytes,
    valid_ice,
    valid_rib,
)

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "customer",
    "other_cooperative_member",
    "member",
    "staff_without_permission",
    "reviewer",
]

APPLY = """
mutation Apply($input: CooperativeApplyInput!) {
  cooperativeApply(input: $input) {
    cooperative { id slug nameFr nameAr legalForm status members { email role } }
    cooperativeErrors { field code message }
  }
}
"""

UPDATE = """
mutation Update($id: ID!, $input: CooperativeUpdateInput!) {
  cooperativeUpdate(id: $id, input: $input) {
    cooperative { id ice rib phone province sectors membersCount womenMembers logoUrl }
    cooperativeErrors { field code message }
  }
}
"""

SUBMIT = """
mutation Submit($id: ID!) {
  cooperativeSubmit(id: $id) {
    cooperative { id status submittedAt transitions { fromStatus toStatus actorEmail } }
    cooperativeErrors { field code message }
  }
}
"""

UPLOAD = """
mutation Upload($cooperative: ID!, $kind: DocumentKind!, $file: Upload!) {
  cooperativeDocumentUpload(cooperative: $cooperative, kind: $kind, file: $file) {
    document { id kind originalName contentType size sha256 url }
    cooperative { documents { kind } }
    cooperativeErrors { field code message }
  }
}
"""


@pytest.fixture
def private_root(settings, tmp_path):
    settings.AWS_PRIVATE_BUCKET_NAME = ""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "private"


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def global_id(cooperative):
    return graphene.Node.to_global_id("Cooperative", cooperative.pk)


def state(cooperative):
    cooperative.refresh_from_db()
    return model_to_dict(cooperative, exclude=["logo"])


def pdf(name="doc.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def error_codes(payload):
    return {(error["field"], error["code"]) for error in payload["cooperativeErrors"]}


def assert_permission_denied(content, mutation):
    assert content["data"][mutation] is None
    assert content["errors"]


def test_a_cooperative_applies_fills_uploads_and_submits(
    graphql, user_token, private_root, customer, django_capture_on_commit_callbacks
):
    # given
    token = user_token(customer)

    # when: it applies
    applied = graphql(
        APPLY,
        {"input": {"nameFr": "Coopérative Aït Sebaa", "nameAr": "تعاونية آيت سبع"}},
        token=token,
    )["data"]["cooperativeApply"]
    cooperative_id = applied["cooperative"]["id"]

    # and fills in its application
    updated = graphql(
        UPDATE,
        {
            "id": cooperative_id,
            "input": {
                "registerNumber": "RC 7788",
                "ice": valid_ice(424242),
                "province": "sefrou",
                "commune": "Aït Sebaa",
                "address": "Douar Aït Sebaa",
                "phone": "0612345678",
                "email": "contact@ait-sebaa.ma",
                "membersCount": 30,
                "womenMembers": 30,
                "youngMembers": 4,
                "sectors": ["honey", "aromatic-plants"],
                "storyFr": "Nos abeilles butinent le thym.",
                "bankName": "Crédit Agricole",
                "rib": valid_rib(424242),
            },
        },
        token=token,
    )["data"]["cooperativeUpdate"]

    # and uploads its four papers
    uploads = [
        graphql(
            UPLOAD,
            {"cooperative": cooperative_id, "kind": kind.name, "file": None},
            token=token,
            files={"file": pdf(f"{kind.value}.pdf")},
        )["data"]["cooperativeDocumentUpload"]
        for kind in REQUIRED_DOCUMENT_KINDS
    ]

    # and submits
    with django_capture_on_commit_callbacks(execute=True):
        submitted = graphql(SUBMIT, {"id": cooperative_id}, token=token)["data"][
            "cooperativeSubmit"
        ]

    # then
    assert applied["cooperativeErrors"] == []
    assert applied["cooperative"]["status"] == "DRAFT"
    assert applied["cooperative"]["legalForm"] == "COOPERATIVE"
    assert applied["cooperative"]["members"] == [{"email": customer.email, "role": "OWNER"}]
    assert updated["cooperativeErrors"] == []
    assert updated["cooperative"]["phone"] == "+212612345678"
    assert all(upload["cooperativeErrors"] == [] for upload in uploads)
    assert uploads[-1]["document"]["sha256"] == hashlib.sha256(PDF_BYTES).hexdigest()
    assert len(uploads[-1]["cooperative"]["documents"]) == 4
    assert submitted["cooperativeErrors"] == []
    assert submitted["cooperative"]["status"] == "SUBMITTED"
    assert submitted["cooperative"]["transitions"] == [
        {"fromStatus": "DRAFT", "toStatus": "SUBMITTED", "actorEmail": customer.email}
    ]
    assert [message.to for message in mail.outbox] == [[customer.email]]


@pytest.mark.parametrize("actor_name", ACTORS)
def test_any_logged_in_user_may_apply(graphql, user_token, actors, actor_name):
    # given
    user = actors[actor_name]
    count = Cooperative.objects.count()

    # when
    content = graphql(APPLY, {"input": {"nameFr": "Nouvelle coopérative"}}, token=user_token(user))

    # then
    if user is None:
        assert_permission_denied(content, "cooperativeApply")
        assert Cooperative.objects.count() == count
    else:
        payload = content["data"]["cooperativeApply"]
        assert payload["cooperativeErrors"] == []
        assert Membership.objects.filter(
            user=user, cooperative__slug=payload["cooperative"]["slug"], role="owner"
        ).exists()


def test_apply_without_a_french_name_reports_it(graphql, user_token, customer):
    # when
    content = graphql(APPLY, {"input": {"nameFr": " "}}, token=user_token(customer))

    # then
    assert error_codes(content["data"]["cooperativeApply"]) == {("nameFr", "REQUIRED")}
    assert not Cooperative.objects.exists()


@pytest.mark.parametrize("actor_name", ACTORS)
def test_only_members_update(graphql, user_token, actors, cooperative, actor_name):
    # given
    before = state(cooperative)

    # when
    content = graphql(
        UPDATE,
        {"id": global_id(cooperative), "input": {"commune": "Bhalil"}},
        token=user_token(actors[actor_name]),
    )

    # then
    if actor_name == "member":
        assert content["data"]["cooperativeUpdate"]["cooperativeErrors"] == []
        cooperative.refresh_from_db()
        assert cooperative.commune == "Bhalil"
    else:
        assert_permission_denied(content, "cooperativeUpdate")
        assert state(cooperative) == before


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("ice", "001525325000089", "INVALID_ICE"),
        ("rib", "011780000000000000000001", "INVALID_RIB"),
        ("phone", "+33612345678", "INVALID_PHONE"),
        ("province", "rabat", "INVALID"),
    ],
)
def test_update_reports_each_bad_value_with_its_code_and_saves_nothing(
    graphql, user_token, owner, cooperative, field, value, code
):
    # given
    before = state(cooperative)

    # when
    content = graphql(
        UPDATE,
        {"id": global_id(cooperative), "input": {"commune": "Bhalil", field: value}},
        token=user_token(owner),
    )

    # then
    payload = content["data"]["cooperativeUpdate"]
    assert error_codes(payload) == {(field, code)}
    assert payload["cooperative"] is None
    assert state(cooperative) == before


@pytest.mark.parametrize(
    ("field", "api_field", "code"),
    [
        ("ice", "ice", "DUPLICATE_ICE"),
        ("register_number", "registerNumber", "DUPLICATE_REGISTER_NUMBER"),
    ],
)
def test_update_reports_duplicates_of_another_cooperative(
    graphql, user_token, owner, cooperative, other_cooperative, field, api_field, code
):
    # given
    before = state(cooperative)

    # when
    content = graphql(
        UPDATE,
        {"id": global_id(cooperative), "input": {api_field: getattr(other_cooperative, field)}},
        token=user_token(owner),
    )

    # then
    assert error_codes(content["data"]["cooperativeUpdate"]) == {(api_field, code)}
    assert state(cooperative) == before


def test_update_of_a_submitted_application_is_an_invalid_transition(graphql, user_token, owner):
    # given
    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.SUBMITTED)
    before = state(cooperative)

    # when
    content = graphql(
        UPDATE,
        {"id": global_id(cooperative), "input": {"commune": "Fès"}},
        token=user_token(owner),
    )

    # then
    assert error_codes(content["data"]["cooperativeUpdate"]) == {("status", "INVALID_TRANSITION")}
    assert state(cooperative) == before


def test_update_of_an_unknown_cooperative_is_not_found(graphql, user_token, owner):
    # when
    content = graphql(
        UPDATE,
        {"id": graphene.Node.to_global_id("Cooperative", 999999), "input": {"commune": "Fès"}},
        token=user_token(owner),
    )

    # then
    assert error_codes(content["data"]["cooperativeUpdate"]) == {("id", "NOT_FOUND")}


def test_a_logo_is_uploaded_with_the_update(graphql, user_token, private_root, owner, cooperative):
    # when
    content = graphql(
        UPDATE,
        {"id": global_id(cooperative), "input": {"logo": None}},
        token=user_token(owner),
        files={"input.logo": SimpleUploadedFile("logo.png", png_bytes(), "image/png")},
    )

    # then
    payload = content["data"]["cooperativeUpdate"]
    assert payload["cooperativeErrors"] == []
    assert "/cooperative-logos/" in payload["cooperative"]["logoUrl"]


@pytest.mark.parametrize("actor_name", ACTORS)
def test_only_members_submit(graphql, user_token, actors, cooperative, actor_name):
    # given
    for kind in REQUIRED_DOCUMENT_KINDS:
        Document.objects.create(
            cooperative=cooperative,
            kind=kind,
            file=f"x/{kind}.pdf",
            original_name="x.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
        )

    # when
    content = graphql(SUBMIT, {"id": global_id(cooperative)}, token=user_token(actors[actor_name]))

    # then
    cooperative.refresh_from_db()
    if actor_name == "member":
        assert content["data"]["cooperativeSubmit"]["cooperativeErrors"] == []
        assert cooperative.status == CooperativeStatus.SUBMITTED
    else:
        assert_permission_denied(content, "cooperativeSubmit")
        assert cooperative.status == CooperativeStatus.DRAFT
        assert not CooperativeTransition.objects.exists()


def test_submit_with_missing_documents_is_incomplete(
    graphql, user_token, owner, cooperative, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        content = graphql(SUBMIT, {"id": global_id(cooperative)}, token=user_token(owner))

    # then
    payload = content["data"]["cooperativeSubmit"]
    assert error_codes(payload) == {("documents", "INCOMPLETE_APPLICATION")}
    assert len(payload["cooperativeErrors"]) == len(REQUIRED_DOCUMENT_KINDS)
    cooperative.refresh_from_db()
    assert cooperative.status == CooperativeStatus.DRAFT
    assert mail.outbox == []


@pytest.mark.parametrize("actor_name", ACTORS)
def test_only_members_upload_documents(
    graphql, user_token, private_root, actors, cooperative, actor_name
):
    # when
    content = graphql(
        UPLOAD,
        {"cooperative": global_id(cooperative), "kind": "STATUTES", "file": None},
        token=user_token(actors[actor_name]),
        files={"file": pdf("statuts.pdf")},
    )

    # then
    if actor_name == "member":
        payload = content["data"]["cooperativeDocumentUpload"]
        assert payload["cooperativeErrors"] == []
        assert payload["document"]["kind"] == "STATUTES"
        assert payload["document"]["url"]
        assert len(stored_files(private_root)) == 1
    else:
        assert_permission_denied(content, "cooperativeDocumentUpload")
        assert stored_files(private_root) == []
        assert not Document.objects.exists()


@pytest.mark.parametrize(
    "content",
    [b"<html><body>statuts</body></html>", b"\x7fELF\x02\x01\x01" + b"\x00" * 40],
)
def test_an_upload_disguised_as_pdf_is_refused(
    graphql, user_token, private_root, owner, cooperative, content
):
    # when
    response = graphql(
        UPLOAD,
        {"cooperative": global_id(cooperative), "kind": "STATUTES", "file": None},
        token=user_token(owner),
        files={"file": pdf("statuts.pdf", content)},
    )

    # then
    payload = response["data"]["cooperativeDocumentUpload"]
    assert error_codes(payload) == {("file", "INVALID_FILE_TYPE")}
    assert payload["document"] is None
    assert stored_files(private_root) == []
    assert not Document.objects.exists()


def test_an_upload_over_the_limit_is_refused(
    graphql, user_token, settings, private_root, owner, cooperative
):
    # given
    settings.DOCUMENT_MAX_BYTES = 100

    # when
    response = graphql(
        UPLOAD,
        {"cooperative": global_id(cooperative), "kind": "STATUTES", "file": None},
        token=user_token(owner),
        files={"file": pdf("statuts.pdf")},
    )

    # then
    assert error_codes(response["data"]["cooperativeDocumentUpload"]) == {
        ("file", "FILE_TOO_LARGE")
    }
    assert stored_files(private_root) == []
