"""Template tags of the shop's pages: prices, responsive images, structured data."""

import json
from decimal import Decimal

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from storefront.saleor_shop import image_rendition
from storefront.webp import SIZER

register = template.Library()


def currency_label(currency):
    # One label per language: «د.م.» in Arabic, «DH» in French, «MAD» in English.
    return pgettext("currency symbol", "MAD") if currency == "MAD" else currency


@register.filter
def price(value):
    """A Money (or an amount in the shop's currency) as the page's language writes it."""
    amount = getattr(value, "amount", value)
    if amount is None or amount == "":
        return ""
    currency = getattr(value, "currency", settings.DEFAULT_CURRENCY)
    number = formats.number_format(Decimal(amount), decimal_pos=2, use_l10n=True)
    return format_html(
        '<span class="price"><span class="amount" dir="ltr">{}</span>\u00a0'
        '<span class="currency">{}</span></span>',
        number,
        currency_label(currency),
    )


@register.filter
def price_text(value):
    """The same as ``price``, as plain text (attributes, alt texts)."""
    amount = getattr(value, "amount", value)
    currency = getattr(value, "currency", settings.DEFAULT_CURRENCY)
    number = formats.number_format(Decimal(amount), decimal_pos=2, use_l10n=True)
    return f"{number}\u00a0{currency_label(currency)}"


@register.simple_tag
def image_srcset(image, size):
    """``src`` and ``srcset`` attributes of a thumbnail at 1× and 2× (sharp on 2× screens)."""
    width, height = (int(side) for side in size.split("x"))
    if not image:
        placeholder = static("storefront/placeholder.svg")
        return format_html('src="{}"', placeholder)
    one = image_rendition(image, size)
    two = image_rendition(image, f"{width * 2}x{height * 2}")
    return format_html('src="{}" srcset="{} 1x, {} 2x"', one, one, two)


@register.simple_tag
def webp_srcset(image, size):
    """``srcset`` of the WebP thumbnails at 1× and 2×, for a ``<source type="image/webp">``."""
    if not image:
        return ""
    width, height = (int(side) for side in size.split("x"))
    one = image_rendition(image, size, sizer=SIZER)
    two = image_rendition(image, f"{width * 2}x{height * 2}", sizer=SIZER)
    return format_html("{} 1x, {} 2x", one, two)


@register.simple_tag
def image_url(image, size):
    return image_rendition(image, size) if image else static("storefront/placeholder.svg")


@register.filter
def product_url(product):
    return reverse("storefront:product-detail", kwargs={"slug": product.slug})


@register.filter
def json_ld(data):
    """A schema.org object as a ``<script>`` body, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, cls=_Encoder)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class _Encoder(json.JSONEncoder):
    def default(self, value):
        if isinstance(value, Decimal):
            return str(value)
        return super().default(value)


@register.filter
def split_words(value):
    return value.split()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
