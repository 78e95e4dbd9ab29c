"""A cooperative's papers: checked by content, hashed, kept private, lent by short-lived links."""

import hashlib
import io
import os
import re
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from marketplace.core.images import decode_image
from marketplace.core.storages import private_storage

from .. import access
from ..errors import CooperativeErrorCode
from ..models import Cooperative, Document, DocumentKind
from .onboarding import ensure_editable

# Recognised by their first bytes; the name and the browser's claimed type are ignored.
MAGIC_NUMBERS = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
# As the stored file is named (models.document_upload_to).
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}

# What a browser would run or render as a page; no paper of ours contains it.
ACTIVE_CONTENT = re.compile(
    rb"<(?:script|html|body|iframe|object|embed)\b|<!doctype\s+html|javascript:", re.IGNORECASE
)
# PDF actions that run code or programs when the file is opened.
PDF_ACTIVE_NAMES = {"/JS", "/JavaScript", "/Launch"}
# A scanned paper has a few objects per page; this bounds the time spent walking one.
PDF_MAX_OBJECTS = 20_000

# A cooperative may hold several label certificates (one per label) and
# other papers at once; the other kinds have one current version.
ACCUMULATING_KINDS = {DocumentKind.LABEL_CERTIFICATE, DocumentKind.OTHER}

LINK_SALT = "marketplace.cooperatives.document-link"


def sniff_content_type(content):
    for magic, content_type in MAGIC_NUMBERS:
        if content.startswith(magic):
            return content_type
    return None


def document_content_type(content):
    """The type of a paper whose whole structure is sound, or None.

    A PDF must parse strictly (header, cross-reference table, trailer) and
    have a page; a JPEG or PNG must decode. Neither may carry web page code,
    and a PDF no scripts or launch actions.
    """
    content_type = sniff_content_type(content)
    if content_type is None or ACTIVE_CONTENT.search(content):
        return None
    if content_type == "application/pdf":
        return content_type if _is_sound_pdf(content) else None
    image = decode_image(io.BytesIO(content), formats=(IMAGE_FORMATS[content_type],))
    return content_type if image is not None else None


def _is_sound_pdf(content):
    # Imported on use: pypdf takes about a second to import.
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject, NameObject

    def is_active(value, depth=0):
        if depth > 32:
            return True
        if isinstance(value, dict):
            return any(
                key in PDF_ACTIVE_NAMES or is_active(item, depth + 1)
                for key, item in value.items()
            )
        if isinstance(value, list):
            return any(is_active(item, depth + 1) for item in value)
        return isinstance(value, NameObject) and value in PDF_ACTIVE_NAMES

    try:
        reader = PdfReader(io.BytesIO(content), strict=True)
        if reader.is_encrypted and not reader.decrypt(""):
            return False
        if len(reader.pages) < 1:
            return False
        references = [
            (number, generation)
            for generation, entries in reader.xref.items()
            for number in entries
        ]
        references += [(number, 0) for number in reader.xref_objStm]
        if len(references) > PDF_MAX_OBJECTS:
            return False
        return not any(
            is_active(reader.get_object(IndirectObject(number, generation, reader)))
            for number, generation in references
        )
    # pypdf raises many kinds of error on malformed input; any of them means "not a sound PDF".
    except Exception:
        return False


def download_name(document):
    """The name a document downloads under: its uploader's words, our checked extension."""
    stem = os.path.splitext(document.original_name)[0].replace(".", " ")
    stem = slugify(stem, allow_unicode=True)
    stem = stem[:80].strip("-_") or document.kind
    return f"{stem}.{EXTENSIONS.get(document.content_type, 'bin')}"


def attachment_disposition(filename):
    try:
        filename.encode("ascii")
    except UnicodeEncodeError:
        return f"attachment; filename*=utf-8''{quote(filename)}"
    return f'attachment; filename="{filename}"'


def clean_original_name(name, kind):
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" and ch not in '"')
    return name.strip()[:255] or kind


def _read_upload(uploaded_file):
    limit = settings.DOCUMENT_MAX_BYTES
    too_large = ValidationError(
        {
            "file": ValidationError(
                _("The file is larger than %(limit)s MB."),
                code=CooperativeErrorCode.FILE_TOO_LARGE.value,
                params={"limit": round(limit / (1024 * 1024), 1)},
            )
        }
    )
    if getattr(uploaded_file, "size", None) and uploaded_file.size > limit:
        raise too_large
    uploaded_file.seek(0)
    content = uploaded_file.read(limit + 1)
    if len(content) > limit:
        raise too_large
    if sniff_content_type(content) is None:
        raise ValidationError(
            {
                "file": ValidationError(
                    _("Upload a PDF, JPEG or PNG file."),
                    code=CooperativeErrorCode.INVALID_FILE_TYPE.value,
                )
            }
        )
    content_type = document_content_type(content)
    if content_type is None:
        raise ValidationError(
            {
                "file": ValidationError(
                    _(
                        "This file cannot be read as a PDF, JPEG or PNG document: "
                        "it is damaged, protected by a password, or contains web page code."
                    ),
                    code=CooperativeErrorCode.INVALID_FILE_TYPE.value,
                )
            }
        )
    return content, content_type


def document_upload(*, cooperative, user, kind, uploaded_file):
    """File a paper for ``cooperative``; a newer one of the same kind supersedes the last.

    Only while the application can be edited, except label certificates,
    which a cooperative adds whenever it earns a label. Nothing reaches
    storage unless the upload is valid, and a stored file whose row cannot
    be saved is removed again.
    """
    access.ensure_member(user, cooperative)
    if kind not in DocumentKind.values:
        raise ValidationError(
            {
                "kind": ValidationError(
                    _("Choose a kind of document."), code=CooperativeErrorCode.INVALID.value
                )
            }
        )
    kind = DocumentKind(kind)
    content, content_type = _read_upload(uploaded_file)
    with transaction.atomic():
        locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        if kind != DocumentKind.LABEL_CERTIFICATE:
            ensure_editable(locked)
        document = Document(
            cooperative=locked,
            kind=kind,
            original_name=clean_original_name(getattr(uploaded_file, "name", ""), kind),
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=user,
        )
        document.full_clean(exclude=["file"])
        document.file.save(document.original_name, ContentFile(content), save=False)
        stored_name = document.file.name
        try:
            with transaction.atomic():
                if kind not in ACCUMULATING_KINDS:
                    locked.documents.current().filter(kind=kind).update(
                        superseded_at=timezone.now()
                    )
                document.save()
        except BaseException:
            private_storage.delete(stored_name)
            raise
    return document


def document_link(*, document, user):
    """A short-lived URL to the file, for the cooperative's members and council reviewers."""
    access.ensure_member_or_reviewer(user, document.cooperative)
    return _link(document)


def document_links(*, cooperative, documents, user):
    """{document pk: short-lived URL} for documents of one cooperative, checking access once."""
    access.ensure_member_or_reviewer(user, cooperative)
    return {
        document.pk: _link(document)
        for document in documents
        if document.cooperative_id == cooperative.pk
    }


def _link(document):
    if private_storage.is_remote:
        # S3 answers the presigned request with these headers, whatever the object holds.
        return private_storage.url(
            document.file.name,
            parameters={
                "ResponseContentType": document.content_type,
                "ResponseContentDisposition": attachment_disposition(download_name(document)),
            },
        )
    token = signing.TimestampSigner(salt=LINK_SALT).sign(str(document.pk))
    return reverse("backoffice:cooperative-document-download", kwargs={"token": token})


def document_from_token(*, token, user):
    """The document a signed link names, if the link is genuine, fresh, and ``user`` may see it.

    Raises ``signing.BadSignature`` (``SignatureExpired`` included) or ``PermissionDenied``.
    """
    pk = signing.TimestampSigner(salt=LINK_SALT).unsign(
        token, max_age=settings.PRIVATE_LINK_MAX_AGE
    )
    document = Document.objects.select_related("cooperative").filter(pk=pk).first()
    if document is None:
        raise signing.BadSignature("No such document.")
    access.ensure_member_or_reviewer(user, document.cooperative)
    return document
