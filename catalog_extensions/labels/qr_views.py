"""QR code images of a certification's public verification page, for jars and market stalls."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from .models import Certification
from .qr import qr_png, qr_svg

RENDERERS = {"png": (qr_png, "image/png"), "svg": (qr_svg, "image/svg+xml")}
# The code's page never moves, so its picture never changes.
CACHE_SECONDS = 7 * 24 * 3600


def verification_url(request, certification):
    # The site's default language has no prefix: the page then follows the reader's language.
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("labels:verify", kwargs={"code": certification.code})
    return request.build_absolute_uri(path)


@require_safe
def certification_qr(request, code, kind):
    if kind not in RENDERERS:
        raise Http404
    certification = get_object_or_404(Certification.objects.only("code"), code=code)
    render, content_type = RENDERERS[kind]
    response = HttpResponse(render(verification_url(request, certification)), content_type)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Content-Disposition"] = f'inline; filename="verify-{certification.code}.{kind}"'
    return response
