"""Where uploaded files live: public media (images only) and private files.

Public media (product images, logos, Saleor's avatars and backgrounds) are
served from the media origin to anyone, so they hold only files that decode
as an image, each under a random name with the extension of the decoded
format: neither the uploader's file name nor the browser's claimed type ever
decides how a public file is served. S3 and Google Cloud variants live in
``cloud_storages`` (imported only when configured: boto3 is slow to import).

Private files (cooperative documents) are never publicly served: local files
under PRIVATE_MEDIA_ROOT by default; a private S3 bucket (or a private prefix
of the media bucket) when AWS_PRIVATE_BUCKET_NAME is set. Links are
short-lived: a presigned URL on S3, a signed download view locally.
"""

import posixpath
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage
from django.core.signals import setting_changed
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from versatileimagefield.settings import (
    VERSATILEIMAGEFIELD_FILTERED_DIRNAME,
    VERSATILEIMAGEFIELD_PLACEHOLDER_DIRNAME,
    VERSATILEIMAGEFIELD_SIZED_DIRNAME,
)

from .images import decode_image

RENDITION_DIRNAMES = {
    VERSATILEIMAGEFIELD_SIZED_DIRNAME,
    VERSATILEIMAGEFIELD_FILTERED_DIRNAME,
    VERSATILEIMAGEFIELD_PLACEHOLDER_DIRNAME,
}


def is_rendition(name):
    """A thumbnail or filtered copy that versatileimagefield derives from a stored original.

    Only folders count: an uploaded file's name is ``<upload_to>/<its own name>``.
    """
    return bool(RENDITION_DIRNAMES & set(name.split("/")[:-1]))


class PublicImageStorageMixin:
    """Accept only images; store each original under ``<folder>/<random>.<decoded extension>``.

    Renditions keep the names versatileimagefield computes from their
    original (it looks them up by those names); they are images we encoded
    from an original that was checked, and are decoded again all the same.
    """

    def save(self, name, content, max_length=None):
        if name is None:
            name = content.name
        if not hasattr(content, "chunks"):
            content = File(content, name)
        image_format = decode_image(content)
        if image_format is None:
            raise ValidationError(
                _("Upload a JPEG, PNG, WebP or GIF image."), code="invalid"
            )
        if not is_rendition(name):
            name = posixpath.join(
                posixpath.dirname(name), f"{uuid.uuid4().hex}.{image_format.extension}"
            )
        return super().save(name, content, max_length=max_length)


@deconstructible
class MediaStorage(PublicImageStorageMixin, FileSystemStorage):
    """Public media on the local disk (MEDIA_ROOT), served by nginx or, in debug, by Django."""


def build_private_backend():
    if settings.AWS_PRIVATE_BUCKET_NAME:
        from storages.backends.s3boto3 import S3Boto3Storage

        return S3Boto3Storage(
            bucket_name=settings.AWS_PRIVATE_BUCKET_NAME,
            default_acl="private",
            querystring_auth=True,
            querystring_expire=settings.PRIVATE_LINK_MAX_AGE,
            file_overwrite=False,
            custom_domain=None,
            location="private",
        )
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


@deconstructible
class PrivateStorage(Storage):
    """Resolves its backend from settings on first use (and again when they change)."""

    _backend = None

    @property
    def backend(self):
        if PrivateStorage._backend is None:
            PrivateStorage._backend = build_private_backend()
        return PrivateStorage._backend

    @property
    def is_remote(self):
        return not isinstance(self.backend, FileSystemStorage)

    def _open(self, name, mode="rb"):
        return self.backend.open(name, mode)

    def _save(self, name, content):
        return self.backend.save(name, content)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def delete(self, name):
        return self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def size(self, name):
        return self.backend.size(name)

    def url(self, name, parameters=None):
        if not self.is_remote:
            raise NotImplementedError("Local private files are served by a signed view.")
        return self.backend.url(name, parameters=parameters)


def _reset_private_backend(setting, **kwargs):
    if setting in {"AWS_PRIVATE_BUCKET_NAME", "PRIVATE_MEDIA_ROOT", "AWS_S3_ENDPOINT_URL"}:
        PrivateStorage._backend = None


setting_changed.connect(_reset_private_backend)

private_storage = PrivateStorage()
