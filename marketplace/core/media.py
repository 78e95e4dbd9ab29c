"""Serving public media from Django, in development only (production: nginx or S3).

Even there a file is served as an image type only, never sniffed, and a
file of any other type (one stored before uploads were renamed) downloads
instead of rendering on our origin.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

from .images import CONTENT_TYPES_BY_EXTENSION

SAFE_CONTENT_TYPES = set(CONTENT_TYPES_BY_EXTENSION.values())


def serve_media(request, path):
    if not settings.DEBUG:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.get("Content-Type") not in SAFE_CONTENT_TYPES:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def media_urlpatterns():
    """The local media URL, when MEDIA_URL is a path on this site."""
    prefix = settings.MEDIA_URL
    if not prefix or urlsplit(prefix).netloc:
        return []
    return [re_path(rf"^{re.escape(prefix.lstrip('/'))}(?P<path>.*)$", serve_media)]
