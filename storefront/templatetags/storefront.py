from decimal import Decimal

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import formats
from django.utils.translation import get_language, gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language):
    """The current page's address in another language (a plain link: no JS needed)."""
    return translate_url(context["request"].get_full_path(), language)


@register.filter
def money(value):
    """Format a prices.Money (or a Decimal in the default currency) as the locale writes it."""
    amount = getattr(value, "amount", value)
    currency = getattr(value, "currency", settings.DEFAULT_CURRENCY)
    if amount is None:
        return ""
    number = formats.number_format(Decimal(amount), decimal_pos=2, use_l10n=True)
    symbol = gettext("MAD") if currency == "MAD" else currency
    return f"{number}\u00a0{symbol}"


@register.simple_tag
def thumbnail_url(image, size="255x255"):
    if not image:
        return static("storefront/placeholder.svg")
    return image.image.thumbnail[size].url


@register.simple_tag
def text_direction():
    return "rtl" if get_language() in settings.LANGUAGES_BIDI else "ltr"
