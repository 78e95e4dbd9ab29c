import hashlib
import time
import urllib.error
import urllib.request
from types import SimpleNamespace

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.models import CooperativeStatus, Document, DocumentKind
from marketplace.cooperatives.services import documents as documents_service
from marketplace.cooperatives.services.documents import (
    document_link,
    document_links,
    document_upload,
)
from marketplace.core.storages import PrivateStorage
from tests.fixtures.cooperatives import PDF_BYTES, jpeg_bytes, make_cooperative, png_bytes

pytestmark = pytest.mark.django_db

JPEG_BYTES = jpeg_bytes()
HTML_BYTES = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48


@pytest.fixture
def private_root(settings, tmp_path):
    settings.AWS_PRIVATE_BUCKET_NAME = ""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def log_in(client, user):
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_pdf_is_stored_privately_with_its_fingerprint(private_root, owner, cooperative):
    # when
    document = document_upload(
        cooperative=cooperative,
        user=owner,
        kind="statutes",
        uploaded_file=upload("Statuts coopérative.pdf", PDF_BYTES),
    )

    # then
    document.refresh_from_db()
    assert document.kind == DocumentKind.STATUTES
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF_BYTES)
    assert document.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert document.original_name == "Statuts coopérative.pdf"
    assert document.uploaded_by == owner
    assert stored_files(private_root) == [document.file.name]
    assert "Statuts" not in document.file.name
    assert (private_root / document.file.name).read_bytes() == PDF_BYTES


@pytest.mark.parametrize(
    ("name", "content", "content_type", "suffix"),
    [
        ("rib.jpg", JPEG_BYTES, "image/jpeg", ".jpg"),
        ("rib.png", png_bytes(), "image/png", ".png"),
        # The type comes from the bytes, not from the name or the browser.
        ("rib.pdf", png_bytes(), "image/png", ".png"),
    ],
)
def test_images_are_accepted_and_typed_by_their_content(
    private_root, owner, cooperative, name, content, content_type, suffix
):
    # when
    document = document_upload(
        cooperative=cooperative,
        user=owner,
        kind="bank_rib",
        uploaded_file=upload(name, content, "application/pdf"),
    )

    # then
    assert document.content_type == content_type
    assert document.file.name.endswith(suffix)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("statuts.pdf", HTML_BYTES),
        ("statuts.pdf", ELF_BYTES),
        ("statuts.pdf", EXE_BYTES),
        ("statuts.pdf", b""),
        ("statuts.pdf", b" %PDF-1.4 not at the start"),
    ],
)
def test_a_file_that_is_not_pdf_jpeg_or_png_is_refused_and_nothing_stored(
    private_root, owner, cooperative, name, content
):
    # given
    document_upload(
        cooperative=cooperative,
        user=owner,
        kind="bank_rib",
        uploaded_file=upload("r.pdf", PDF_BYTES),
    )
    before = stored_files(private_root)

    # when
    with pytest.raises(ValidationError) as error:
        document_upload(
            cooperative=cooperative,
            user=owner,
            kind="statutes",
            uploaded_file=upload(name, content),
        )

    # then
    assert [e.code for e in error.value.error_dict["file"]] == [
        CooperativeErrorCode.INVALID_FILE_TYPE.value
    ]
    assert stored_files(private_root) == before
    assert Document.objects.count() == 1


def test_a_file_over_the_limit_is_refused_and_nothing_stored(
    settings, private_root, owner, cooperative
):
    # given
    settings.DOCUMENT_MAX_BYTES = len(PDF_BYTES) - 1

    # when
    with pytest.raises(ValidationError) as error:
        document_upload(
            cooperative=cooperative,
            user=owner,
            kind="statutes",
            uploaded_file=upload("statuts.pdf", PDF_BYTES),
        )

    # then
    assert [e.code for e in error.value.error_dict["file"]] == [
        CooperativeErrorCode.FILE_TOO_LARGE.value
    ]
    assert stored_files(private_root) == []
    assert not Document.objects.exists()


def test_a_file_exactly_at_the_limit_is_accepted(settings, private_root, owner, cooperative):
    # given
    settings.DOCUMENT_MAX_BYTES = len(PDF_BYTES)

    # when
    document = document_upload(
        cooperative=cooperative,
        user=owner,
        kind="statutes",
        uploaded_file=upload("s.pdf", PDF_BYTES),
    )

    # then
    assert document.size == len(PDF_BYTES)


def test_a_new_upload_supersedes_the_previous_one_and_keeps_it(private_root, owner, cooperative):
    # given
    first = document_upload(
        cooperative=cooperative,
        user=owner,
        kind="statutes",
        uploaded_file=upload("v1.pdf", PDF_BYTES),
    )
    second_bytes = PDF_BYTES + b"% second version\n"

    # when
    second = document_upload(
        cooperative=cooperative,
        user=owner,
        kind="statutes",
        uploaded_file=upload("v2.pdf", second_bytes),
    )

    # then
    first.refresh_from_db()
    assert first.superseded_at is not None
    assert second.superseded_at is None
    assert list(cooperative.documents.current()) == [second]
    assert Document.objects.filter(kind="statutes").count() == 2
    assert (private_root / first.file.name).read_bytes() == PDF_BYTES
    assert (private_root / second.file.name).read_bytes() == second_bytes


def test_label_certificates_accumulate(private_root, owner, cooperative):
    # when
    for name in ("igp.pdf", "bio.pdf"):
        document_upload(
            cooperative=cooperative,
            user=owner,
            kind="label_certificate",
            uploaded_file=upload(name, PDF_BYTES),
        )

    # then
    assert cooperative.documents.current().filter(kind="label_certificate").count() == 2


def test_a_label_certificate_can_be_added_once_approved(private_root, owner, approved_cooperative):
    # when
    document = document_upload(
        cooperative=approved_cooperative,
        user=owner,
        kind="label_certificate",
        uploaded_file=upload("igp.pdf", PDF_BYTES),
    )

    # then
    assert document.pk is not None


@pytest.mark.parametrize("status", [CooperativeStatus.SUBMITTED, CooperativeStatus.APPROVED])
def test_application_documents_cannot_change_under_review_or_after(private_root, owner, status):
    # given
    cooperative = make_cooperative(owner=owner, status=status)

    # when
    with pytest.raises(ValidationError) as error:
        document_upload(
            cooperative=cooperative,
            user=owner,
            kind="statutes",
            uploaded_file=upload("statuts.pdf", PDF_BYTES),
        )

    # then
    assert [e.code for e in error.value.error_dict["status"]] == [
        CooperativeErrorCode.INVALID_TRANSITION.value
    ]
    assert stored_files(private_root) == []
    assert not Document.objects.exists()


def test_an_unknown_kind_is_refused(private_root, owner, cooperative):
    # when
    with pytest.raises(ValidationError) as error:
        document_upload(
            cooperative=cooperative,
            user=owner,
            kind="passport",
            uploaded_file=upload("p.pdf", PDF_BYTES),
        )

    # then
    assert "kind" in error.value.error_dict
    assert stored_files(private_root) == []


@pytest.mark.parametrize(
    "actor_name",
    ["customer", "other_cooperative_member", "staff_without_permission", "reviewer"],
)
def test_only_members_upload(private_root, actors, cooperative, actor_name):
    # when
    with pytest.raises(PermissionDenied):
        document_upload(
            cooperative=cooperative,
            user=actors[actor_name],
            kind="statutes",
            uploaded_file=upload("statuts.pdf", PDF_BYTES),
        )

    # then
    assert stored_files(private_root) == []
    assert not Document.objects.exists()


def test_a_stored_file_is_removed_when_its_row_cannot_be_saved(
    monkeypatch, private_root, owner, cooperative
):
    # given
    def failing_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Document, "save", failing_save)

    # when
    with pytest.raises(RuntimeError):
        document_upload(
            cooperative=cooperative,
            user=owner,
            kind="statutes",
            uploaded_file=upload("statuts.pdf", PDF_BYTES),
        )

    # then
    assert stored_files(private_root) == []


def test_the_original_name_cannot_break_the_download_header(private_root, owner, cooperative):
    # when
    document = document_upload(
        cooperative=cooperative,
        user=owner,
        kind="statutes",
        uploaded_file=upload('..\\..\\a"b\r\nX-Evil: 1.pdf', PDF_BYTES),
    )

    # then
    assert document.original_name == "abX-Evil: 1.pdf"


@pytest.fixture
def statutes(private_root, owner, cooperative):
    return document_upload(
        cooperative=cooperative,
        user=owner,
        kind="statutes",
        uploaded_file=upload("statuts.pdf", PDF_BYTES),
    )


@pytest.mark.parametrize(
    ("actor_name", "allowed"),
    [
        ("anonymous", False),
        ("customer", False),
        ("other_cooperative_member", False),
        ("member", True),
        ("staff_without_permission", False),
        ("reviewer", True),
    ],
)
def test_members_and_reviewers_get_a_link_that_downloads_the_file(
    client, actors, statutes, actor_name, allowed
):
    # given
    user = actors[actor_name]

    # when
    if not allowed:
        with pytest.raises(PermissionDenied):
            document_link(document=statutes, user=user)
        return
    link = document_link(document=statutes, user=user)
    response = log_in(client, user).get(link)

    # then
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="statuts.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("actor_name", "status_code"),
    [
        ("anonymous", 302),
        ("customer", 403),
        ("other_cooperative_member", 403),
        ("staff_without_permission", 403),
    ],
)
def test_a_members_link_is_useless_to_anyone_else(
    client, actors, owner, statutes, actor_name, status_code
):
    # given
    link = document_link(document=statutes, user=owner)

    # when
    response = log_in(client, actors[actor_name]).get(link)

    # then
    assert response.status_code == status_code
    if status_code == 302:
        assert response.url.startswith(reverse("storefront:login"))
    else:
        assert not hasattr(response, "streaming_content")


def test_an_expired_link_is_refused(client, monkeypatch, settings, owner, statutes):
    # given
    link = document_link(document=statutes, user=owner)
    later = time.time() + settings.PRIVATE_LINK_MAX_AGE + 1
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))

    # when
    response = log_in(client, owner).get(link)

    # then
    assert response.status_code == 403


def test_a_link_still_fresh_works(client, monkeypatch, settings, owner, statutes):
    # given
    link = document_link(document=statutes, user=owner)
    later = time.time() + settings.PRIVATE_LINK_MAX_AGE - 5
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))

    # when
    response = log_in(client, owner).get(link)

    # then
    assert response.status_code == 200


def test_a_tampered_link_is_refused(client, private_root, owner, cooperative, statutes):
    # given: a link to one document, edited to name another
    other = document_upload(
        cooperative=cooperative,
        user=owner,
        kind="bank_rib",
        uploaded_file=upload("r.pdf", PDF_BYTES),
    )
    token = document_link(document=statutes, user=owner).rstrip("/").rsplit("/", 1)[1]
    forged = token.replace(f"{statutes.pk}:", f"{other.pk}:", 1)
    assert forged != token

    # when
    response = log_in(client, owner).get(
        reverse("backoffice:cooperative-document-download", kwargs={"token": forged})
    )

    # then
    assert response.status_code == 403


def test_a_link_signed_for_something_else_is_refused(client, owner, statutes):
    # given: a value signed with the site key, but not as a document link
    token = signing.TimestampSigner().sign(str(statutes.pk))

    # when
    response = log_in(client, owner).get(
        reverse("backoffice:cooperative-document-download", kwargs={"token": token})
    )

    # then
    assert response.status_code == 403


def test_on_s3_the_link_is_the_presigned_url(monkeypatch, owner, statutes):
    # given
    monkeypatch.setattr(PrivateStorage, "is_remote", property(lambda self: True))
    monkeypatch.setattr(
        PrivateStorage,
        "url",
        lambda self, name, parameters=None: f"https://s3.example/{name}?X-Amz-Expires=300",
    )

    # when
    link = document_link(document=statutes, user=owner)

    # then
    assert link == f"https://s3.example/{statutes.file.name}?X-Amz-Expires=300"


def test_sniffing_ignores_everything_but_the_leading_bytes():
    # then
    assert documents_service.sniff_content_type(PDF_BYTES) == "application/pdf"
    assert documents_service.sniff_content_type(b"\xff\xd8\xff\xdb") == "image/jpeg"
    assert documents_service.sniff_content_type(b"GIF89a") is None


def test_a_link_to_a_file_gone_from_storage_is_not_found(client, private_root, owner, statutes):
    # given
    link = document_link(document=statutes, user=owner)
    (private_root / statutes.file.name).unlink()

    # when
    response = log_in(client, owner).get(link)

    # then
    assert response.status_code == 404


def test_links_for_a_list_check_access_once_and_skip_other_cooperatives(
    django_assert_max_num_queries, private_root, owner, reviewer, cooperative, other_cooperative
):
    # given
    own = [
        document_upload(
            cooperative=cooperative,
            user=owner,
            kind=kind,
            uploaded_file=upload("d.pdf", PDF_BYTES),
        )
        for kind in ("statutes", "bank_rib", "label_certificate")
    ]
    foreign = Document.objects.create(
        cooperative=other_cooperative,
        kind="statutes",
        file="x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )

    # when
    with django_assert_max_num_queries(3):
        links = document_links(cooperative=cooperative, documents=[*own, foreign], user=owner)

    # then
    assert set(links) == {document.pk for document in own}
    with pytest.raises(PermissionDenied):
        document_links(cooperative=other_cooperative, documents=[foreign], user=owner)


def bucket_keys(s3):
    return sorted(
        item["Key"] for item in s3.list_objects_v2(Bucket=s3.bucket_name).get("Contents", [])
    )


def test_on_s3_documents_are_private_and_lent_by_a_presigned_link(
    s3_private_bucket, settings, owner, reviewer, cooperative
):
    # given
    s3 = s3_private_bucket

    # when
    document = document_upload(
        cooperative=cooperative,
        user=owner,
        kind="statutes",
        uploaded_file=upload("statuts.pdf", PDF_BYTES),
    )
    link = document_link(document=document, user=reviewer)

    # then
    assert bucket_keys(s3) == [f"private/{document.file.name}"]
    assert "X-Amz-Signature=" in link
    assert f"X-Amz-Expires={settings.PRIVATE_LINK_MAX_AGE}" in link
    with urllib.request.urlopen(link) as response:
        assert response.read() == PDF_BYTES
    public_url = link.split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(public_url)


def test_on_s3_a_refused_upload_stores_nothing(s3_private_bucket, owner, cooperative):
    # when
    with pytest.raises(ValidationError):
        document_upload(
            cooperative=cooperative,
            user=owner,
            kind="statutes",
            uploaded_file=upload("statuts.pdf", ELF_BYTES),
        )

    # then
    assert bucket_keys(s3_private_bucket) == []
