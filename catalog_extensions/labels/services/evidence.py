"""Short-lived links to a certification's certificate, for label staff and the cooperative.

The certificate is one of the cooperative's private documents; the
cooperatives' own links are for its members and cooperative reviewers,
while label claims are reviewed by staff holding ``manage_labels``.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives.services.documents import attachment_disposition, download_name
from marketplace.core.storages import private_storage

from .. import access
from ..models import Certification

LINK_SALT = "catalog_extensions.labels.certificate-link"


def ensure_can_see(user, certification):
    if not access.can_see_certification(user, certification):
        raise PermissionDenied(_("Only label staff and the cooperative can see this certificate."))


def certificate_link(*, certification, user):
    ensure_can_see(user, certification)
    document = certification.document
    if document is None:
        return ""
    if private_storage.is_remote:
        return private_storage.url(
            document.file.name,
            parameters={
                "ResponseContentType": document.content_type,
                "ResponseContentDisposition": attachment_disposition(download_name(document)),
            },
        )
    token = signing.TimestampSigner(salt=LINK_SALT).sign(str(certification.pk))
    return reverse("backoffice:labels-certificate-download", kwargs={"token": token})


def certification_from_token(*, token, user):
    """The certification a signed link names, if genuine, fresh, and ``user`` may see it.

    Raises ``signing.BadSignature`` (``SignatureExpired`` included) or ``PermissionDenied``.
    """
    pk = signing.TimestampSigner(salt=LINK_SALT).unsign(
        token, max_age=settings.PRIVATE_LINK_MAX_AGE
    )
    certification = (
        Certification.objects.select_related("cooperative", "document").filter(pk=pk).first()
    )
    if certification is None or certification.document is None:
        raise signing.BadSignature("No such certificate.")
    ensure_can_see(user, certification)
    return certification
