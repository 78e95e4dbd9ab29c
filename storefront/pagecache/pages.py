"""Rendered parts of the shop's pages, cached per language under the catalogue version.

A page's expensive part (its queries and the template of its products) is
rendered once per language, address and catalogue version, and shared by
every shopper who is not staff (staff may see unpublished products). The
frame around it (header, account links, CSRF tokens) is rendered for each
request, so a cached part never carries someone's session.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from marketplace.core.catalogue_version import catalogue_version

CSRF_PLACEHOLDER = "__storefront_csrf_token__"


def render_blocks(template_name, context):
    """{block name: HTML} of a template's top-level blocks, rendered without a request."""
    template = get_template(template_name).template
    context = Context({**context, "csrf_token": CSRF_PLACEHOLDER})
    with context.render_context.push_state(template), context.bind_template(template):
        return {
            node.name: node.render(context)
            for node in template.nodelist
            if isinstance(node, BlockNode)
        }


def _cacheable(request):
    return request.method in ("GET", "HEAD") and not getattr(request.user, "is_staff", False)


def cached_blocks(request, template_name, build_context, *, key=None):
    """The rendered blocks of ``template_name`` for this request, from the cache when fresh.

    ``build_context()`` runs only on a miss; it may raise Http404.
    """
    if not _cacheable(request) or not settings.STOREFRONT_PAGE_CACHE_SECONDS:
        blocks = render_blocks(template_name, build_context())
    else:
        address = hashlib.sha256((key or request.get_full_path()).encode()).hexdigest()[:32]
        cache_key = ":".join(
            (
                "storefront-page",
                template_name,
                get_language() or "",
                str(catalogue_version()),
                # Labels expire and products get published by date, not by a write.
                timezone.localdate().isoformat(),
                address,
            )
        )
        blocks = cache.get(cache_key)
        if blocks is None:
            blocks = render_blocks(template_name, build_context())
            cache.set(cache_key, blocks, settings.STOREFRONT_PAGE_CACHE_SECONDS)
    if any(CSRF_PLACEHOLDER in html for html in blocks.values()):
        token = get_token(request)
        blocks = {name: html.replace(CSRF_PLACEHOLDER, token) for name, html in blocks.items()}
    return {name: mark_safe(html) for name, html in blocks.items()}
