"""Public media on S3 or Google Cloud Storage, with the same rules as on disk (see ``storages``).

The object's content type comes from the extension of the name we chose,
i.e. from the format Pillow decoded — never from the browser's claim.
"""

from django.conf import settings
from django.utils.deconstruct import deconstructible
from storages.backends.gcloud import GoogleCloudStorage
from storages.backends.s3boto3 import S3Boto3Storage

from .images import content_type_for_name
from .storages import PublicImageStorageMixin


@deconstructible
class S3MediaStorage(PublicImageStorageMixin, S3Boto3Storage):
    def __init__(self, **kwargs):
        kwargs.setdefault("bucket_name", settings.AWS_MEDIA_BUCKET_NAME)
        kwargs.setdefault("custom_domain", settings.AWS_MEDIA_CUSTOM_DOMAIN)
        super().__init__(**kwargs)

    def _get_write_parameters(self, name, content=None):
        params = super()._get_write_parameters(name, content)
        params["ContentType"] = content_type_for_name(name) or "application/octet-stream"
        params["CacheControl"] = settings.AWS_MEDIA_CACHE_CONTROL
        return params


@deconstructible
class GCSMediaStorage(PublicImageStorageMixin, GoogleCloudStorage):
    """The blob's content type is guessed from the name by django-storages, our name."""

    def __init__(self, **kwargs):
        kwargs.setdefault("bucket_name", settings.GS_MEDIA_BUCKET_NAME)
        super().__init__(**kwargs)
