"""Storage for private files (cooperative documents): never publicly served.

Local files under PRIVATE_MEDIA_ROOT by default; a private S3 bucket (or a
private prefix of the media bucket) when AWS_PRIVATE_BUCKET_NAME is set.
Links are short-lived: a presigned URL on S3, a signed download view locally.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.core.signals import setting_changed
from django.utils.deconstruct import deconstructible


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

    def url(self, name):
        if not self.is_remote:
            raise NotImplementedError("Local private files are served by a signed view.")
        return self.backend.url(name)


def _reset_private_backend(setting, **kwargs):
    if setting in {"AWS_PRIVATE_BUCKET_NAME", "PRIVATE_MEDIA_ROOT", "AWS_S3_ENDPOINT_URL"}:
        PrivateStorage._backend = None


setting_changed.connect(_reset_private_backend)

private_storage = PrivateStorage()
