"""Issue 6, item 9: a cooperative's papers are checked by structure and download safely.

The attack: ``%PDF-`` followed by an HTML page with a script passed the
5-byte check as a PDF, and downloaded as ``label.html``.
"""

import io
import re
import urllib.request

import graphene
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript

from marketplace.cooperatives.demo import demo_pdf
from marketplace.cooperatives.models import Document
from marketplace.cooperatives.services.documents import document_link, document_upload
from tests.fixtures.cooperatives import PDF_BYTES, jpeg_bytes, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

SCRIPT = b"<script>alert(document.cookie)</script>"
HTML_AS_PDF = b"%PDF-1.7\n<html><body>" + SCRIPT + b"</body></html>\n"

UPLOAD = """
mutation Upload($cooperative: ID!, $kind: DocumentKind!, $file: Upload!) {
  cooperativeDocumentUpload(cooperative: $cooperative, kind: $kind, file: $file) {
    document { id contentType url }
    cooperativeErrors { field code message }
  }
}
"""


def written_pdf(build):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_a_page_in_its_content_stream():
    """A sound one-page PDF whose page's content stream holds a raw HTML page."""
    return demo_pdf(f"<html><body>{SCRIPT.decode()}</body></html>")


def pdf_that_runs_javascript_when_opened():
    return written_pdf(lambda writer: writer.add_open_action(JavaScript("app.alert('opened');")))


def pdf_without_pages():
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    return buffer.getvalue()


def png_carrying_a_script():
    info = PngInfo()
    info.add_text("Comment", SCRIPT.decode())
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


REFUSED = {
    "html after a pdf header": HTML_AS_PDF,
    "a pdf cut before its cross-reference table": PDF_BYTES[: PDF_BYTES.index(b"xref")],
    "a pdf without its trailer": PDF_BYTES[: PDF_BYTES.index(b"trailer")],
    "a pdf without pages": pdf_without_pages(),
    "a sound pdf carrying a web page": pdf_with_a_page_in_its_content_stream(),
    "a pdf that runs javascript": pdf_that_runs_javascript_when_opened(),
    "a png carrying a script": png_carrying_a_script(),
    "a truncated png": png_bytes((64, 64))[:-30],
    "a truncated jpeg": jpeg_bytes((64, 64))[:-40],
}


@pytest.fixture
def private_root(settings, tmp_path):
    settings.AWS_PRIVATE_BUCKET_NAME = ""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def upload_through_graphql(graphql, user_token, owner, cooperative, name, content):
    return graphql(
        UPLOAD,
        {
            "cooperative": graphene.Node.to_global_id("Cooperative", cooperative.pk),
            "kind": "LABEL_CERTIFICATE",
            "file": None,
        },
        token=user_token(owner),
        files={"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def test_the_refused_samples_start_like_the_type_they_claim():
    # then: each sample passes a prefix check, so refusing it takes a real parser
    for content in REFUSED.values():
        assert content[:5] == b"%PDF-" or content[:3] == b"\xff\xd8\xff" or (
            content[:8] == b"\x89PNG\r\n\x1a\n"
        )
    # and the two sound PDFs are refused for what they carry, not for their structure
    sound = (pdf_with_a_page_in_its_content_stream(), pdf_that_runs_javascript_when_opened())
    for content in sound:
        assert len(PdfReader(io.BytesIO(content), strict=True).pages) == 1
    assert b"<script>" in pdf_with_a_page_in_its_content_stream()
    assert SCRIPT not in pdf_that_runs_javascript_when_opened()


@pytest.mark.parametrize("sample", list(REFUSED))
def test_a_document_that_only_looks_like_a_pdf_or_image_is_refused_and_nothing_stored(
    graphql, user_token, private_root, owner, cooperative, sample
):
    # when
    result = upload_through_graphql(
        graphql, user_token, owner, cooperative, "label.html", REFUSED[sample]
    )

    # then
    payload = result["data"]["cooperativeDocumentUpload"]
    assert payload["document"] is None
    assert [(e["field"], e["code"]) for e in payload["cooperativeErrors"]] == [
        ("file", "INVALID_FILE_TYPE")
    ]
    assert payload["cooperativeErrors"][0]["message"]
    assert not Document.objects.exists()
    assert stored_files(private_root) == []


def test_the_documents_page_refuses_html_after_a_pdf_header(
    client, private_root, owner, cooperative
):
    # given
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")

    # when
    response = client.post(
        reverse(
            "backoffice:cooperative-application-step",
            kwargs={"slug": cooperative.slug, "step": "documents"},
        ),
        {"kind": "statutes", "file": SimpleUploadedFile("label.html", HTML_AS_PDF)},
    )

    # then
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == [
        "invalid_file_type"
    ]
    assert not Document.objects.exists()
    assert stored_files(private_root) == []


@pytest.mark.parametrize(
    ("name", "content", "content_type", "download_name"),
    [
        ("label.html", PDF_BYTES, "application/pdf", "label.pdf"),
        (
            "certificat IGP.pdf.html",
            pdf_bytes(pages=2),
            "application/pdf",
            "certificat-igp-pdf.pdf",
        ),
        ("rib.html", png_bytes(), "image/png", "rib.png"),
        ("scan.svg", jpeg_bytes(), "image/jpeg", "scan.jpg"),
    ],
)
def test_a_document_downloads_under_a_name_with_the_extension_of_its_checked_type(
    graphql, user_token, client, private_root, owner, cooperative,
    name, content, content_type, download_name,
):
    # given
    result = upload_through_graphql(graphql, user_token, owner, cooperative, name, content)
    document = result["data"]["cooperativeDocumentUpload"]["document"]
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")

    # when
    response = client.get(document["url"])

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{download_name}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content


def test_an_arabic_file_name_downloads_encoded_with_the_checked_extension(
    client, private_root, owner, cooperative
):
    # given
    document = document_upload(
        cooperative=cooperative,
        user=owner,
        kind="statutes",
        uploaded_file=SimpleUploadedFile("النظام الأساسي.html", PDF_BYTES),
    )
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")

    # when
    response = client.get(document_link(document=document, user=owner))

    # then
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert disposition.endswith(".pdf")
    assert ".html" not in disposition


def test_on_s3_the_presigned_link_answers_with_the_checked_type_as_an_attachment(
    s3_private_bucket, owner, reviewer, cooperative
):
    # given
    document = document_upload(
        cooperative=cooperative,
        user=owner,
        kind="label_certificate",
        uploaded_file=SimpleUploadedFile("label.html", PDF_BYTES, content_type="text/html"),
    )

    # when
    with urllib.request.urlopen(document_link(document=document, user=reviewer)) as response:
        headers, body = response.headers, response.read()

    # then
    assert body == PDF_BYTES
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'attachment; filename="label.pdf"'
    stored = s3_private_bucket.head_object(
        Bucket=s3_private_bucket.bucket_name, Key=f"private/{document.file.name}"
    )
    assert stored["ContentType"] == "application/pdf"
    assert re.fullmatch(r".*/[0-9a-f]{32}\.pdf", document.file.name)


def test_a_truncated_image_is_refused_even_after_a_pdf_was_rendered(
    graphql, user_token, private_root, owner, cooperative
):
    # given: rendering a PDF imports WeasyPrint, which relaxes Pillow for the whole process
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = True

    # when
    result = upload_through_graphql(
        graphql, user_token, owner, cooperative, "label.jpg", REFUSED["a truncated jpeg"]
    )

    # then
    assert result["data"]["cooperativeDocumentUpload"]["document"] is None
    assert not Document.objects.exists()
    assert stored_files(private_root) == []
