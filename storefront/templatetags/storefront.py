import datetime
from decimal import Decimal
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext

from marketplace.cooperatives.access import cooperatives_managed_by, is_council_reviewer

from ..pages import FOOTER_PAGES

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


@register.simple_tag(takes_context=True)
def absolute_url_in_language(context, language):
    """Absolute address of the current page in ``language`` (canonical, hreflang, og:url)."""
    request = context["request"]
    return request.build_absolute_uri(translate_url(request.get_full_path(), language))


@register.simple_tag(takes_context=True)
def switch_language_url(context, language):
    """The language switch: remembers the choice, then shows the same page in that language."""
    query = urlencode({"next": context["request"].get_full_path()})
    return f"{reverse('language-choose', args=[language])}?{query}"


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    return context["request"].build_absolute_uri(static(path))


OG_LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en_GB"}


@register.simple_tag
def og_locale(language):
    return OG_LOCALES.get(language, language)


@register.simple_tag
def footer_pages():
    """(slug, title) of the council's pages linked from every footer, without a query."""
    return [(slug, gettext(title)) for slug, title in FOOTER_PAGES]


@register.filter
def acts_in_backoffice(user):
    """Staff and cooperative members get a back-office link; shoppers never do."""
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or cooperatives_managed_by(user).exists()
        or is_council_reviewer(user)
    )


@register.filter
def local_date(value, style="long"):
    """A date (or datetime, shown in local time) as the current language writes it.

    ``long``: "3 mars 2026", "3 مارس 2026", "3 March 2026"; ``short``: day/month/year
    in every language (never the US month-first order).
    """
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if style == "short":
        return value.strftime("%d/%m/%Y")
    return formats.date_format(value, "j F Y", use_l10n=True)


@register.filter
def local_datetime(value):
    """A moment in local time: its long date and the 24-hour time."""
    if value in (None, ""):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{local_date(value)} {value.strftime('%H:%M')}"


@register.filter
def local_number(value, decimal_places=None):
    """A number with the current language's decimal and thousands separators."""
    if value in (None, ""):
        return ""
    return formats.number_format(
        value, decimal_pos=decimal_places, use_l10n=True, force_grouping=True
    )
