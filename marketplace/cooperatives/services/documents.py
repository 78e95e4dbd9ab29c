"""A cooperative's papers: checked by content, hashed, kept private, lent by short-lived links."""

import hashlib
import os
import unicodedata

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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

# A cooperative may hold several label certificates (one per label) and
# other papers at once; the other kinds have one current version.
ACCUMULATING_KINDS = {DocumentKind.LABEL_CERTIFICATE, DocumentKind.OTHER}

LINK_SALT = "marketplace.cooperatives.document-link"


def sniff_content_type(content):
    for magic, content_type in MAGIC_NUMBERS:
        if content.startswith(magic):
            return content_type
    return None


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
    content_type = sniff_content_type(content)
    if content_type is None:
        raise ValidationError(
            {
                "file": ValidationError(
                    _("Upload a PDF, JPEG or PNG file."),
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
        return private_storage.url(document.file.name)
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
