"""The product page: gallery, price, variants with stock, add to basket, who made it."""

from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

from catalog_extensions.labels.selectors import attach_badges
from catalog_extensions.origin.selectors import attach_origin
from marketplace.fairs.selectors import attach_next_stops

from .pagecache.pages import cached_blocks
from .saleor_shop import image_rendition, product_for_page, related_products, variant_offers


def basket_add_url():
    try:
        return reverse("storefront:basket-add")
    except NoReverseMatch:  # the basket pages are another branch's; the page works without
        return ""


def product_context(request, slug):
    language = get_language()
    product = product_for_page(slug, language=language, user=request.user)
    if product is None:
        raise Http404
    attach_badges([product], language=language)
    attach_origin([product], language=language)
    attach_next_stops([product], language=language)
    offers = variant_offers(product)
    link = getattr(product, "cooperative_link", None)
    canonical = request.build_absolute_uri(
        reverse("storefront:product-detail", kwargs={"slug": product.slug})
    )
    images = list(product.images.all())
    return {
        "product": product,
        "cooperative": link.cooperative if link else None,
        "offers": offers,
        "in_stock": any(quantity > 0 for _variant, _price, quantity in offers),
        "selected_variant": next(
            (variant.pk for variant, _price, quantity in offers if quantity > 0), None
        ),
        "images": images,
        "related": related_products(product, language=language),
        "basket_add_url": basket_add_url(),
        "canonical_url": canonical,
        "structured_data": _structured_data(request, product, offers, images, canonical),
    }


def _structured_data(request, product, offers, images, canonical):
    link = getattr(product, "cooperative_link", None)
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.translated.name,
        "url": canonical,
        "sku": offers[0][0].sku if offers else "",
        "description": product.translated.description or product.description,
        "image": [
            request.build_absolute_uri(image_rendition(image, "1080x1080")) for image in images
        ],
        "offers": [
            {
                "@type": "Offer",
                "sku": variant.sku,
                "price": f"{price.amount:.2f}",
                "priceCurrency": price.currency,
                "availability": "https://schema.org/InStock"
                if quantity > 0
                else "https://schema.org/OutOfStock",
                "url": canonical,
            }
            for variant, price, quantity in offers
        ],
    }
    if product.category:
        data["category"] = product.category.translated.name
    if link is not None:
        data["brand"] = {"@type": "Brand", "name": link.cooperative.name}
    return data


def product_detail(request, slug):
    blocks = cached_blocks(
        request, "storefront/product/detail.html", lambda: product_context(request, slug)
    )
    return render(request, "storefront/partials/cached_page.html", {"blocks": blocks})
