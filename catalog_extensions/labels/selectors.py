"""What shoppers see of labels, for the storefront's lists and product pages.

Only displayable certifications show: verified, within their validity on
today's date in Morocco, for a product of an approved cooperative. Each
function reads in a fixed number of queries, whatever the number of
products.
"""

from collections import defaultdict
from types import SimpleNamespace

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation

from marketplace.cooperatives.models import CooperativeStatus
from marketplace.cooperatives.saleor_catalogue import (
    products_of_active_cooperatives,
    with_listing_relations,
)

from . import access
from .models import Certification, CertificationStatus, Label, today_in_morocco
from .saleor_catalogue import product_name, products, products_visible_to, with_names


def displayable_certifications(product_ids, on_date=None):
    return (
        Certification.objects.displayable(on_date)
        .filter(product_id__in=list(product_ids))
        .select_related("label", "certifying_body")
        .order_by("label__kind", "label__name_fr", "pk")
    )


def displayable_labels_by_product(product_ids, on_date=None):
    """{product id: [Label, …]} of the labels each product displays on ``on_date``; one query."""
    labels = defaultdict(list)
    for certification in displayable_certifications(product_ids, on_date):
        if certification.label not in labels[certification.product_id]:
            labels[certification.product_id].append(certification.label)
    return dict(labels)


def _label_name(label, language):
    return getattr(label, f"name_{language}", "") or label.name_fr


def badge_for(certification, language):
    label = certification.label
    with translation.override(language):
        label_url = reverse("labels:label-detail", kwargs={"slug": label.slug})
        verify_url = reverse("labels:verify", kwargs={"code": certification.code})
    return SimpleNamespace(
        kind=label.kind,
        label_slug=label.slug,
        label_name=_label_name(label, language),
        logo_url=label.logo.url if label.logo else "",
        label_url=label_url,
        verify_url=verify_url,
        code=certification.code,
        valid_until=certification.valid_until,
    )


def attach_badges(products, *, language):
    """Set `product.badges` on every product: its displayable certifications.

    Each badge has `kind`, `label_name` (in `language`), `logo_url` (or ""),
    `label_url` and `verify_url`. Constant number of queries for any number
    of products.
    """
    products = list(products)
    by_product = defaultdict(list)
    for certification in displayable_certifications(product.pk for product in products):
        by_product[certification.product_id].append(badge_for(certification, language))
    for product in products:
        product.badges = by_product.get(product.pk, [])
    return products


# --- label pages -------------------------------------------------------------------------


def label_index():
    """Every label, with how many products display it today."""
    today = today_in_morocco()
    displayable = Q(
        certifications__status=CertificationStatus.VERIFIED,
        certifications__valid_from__lte=today,
        certifications__valid_until__gte=today,
        certifications__cooperative__status=CooperativeStatus.APPROVED,
    )
    return Label.objects.annotate(
        product_count=Count("certifications__product", filter=displayable, distinct=True)
    ).order_by("kind", "name_fr", "pk")


def label_by_slug(slug):
    return Label.objects.prefetch_related("certifying_bodies").filter(slug=slug).first()


def products_with_label(label, *, user, language, on_date=None):
    """Published products of approved cooperatives that display ``label``, with card data."""
    product_ids = Certification.objects.displayable(on_date).filter(label=label).values(
        "product_id"
    )
    products = products_of_active_cooperatives(
        products_visible_to(user).filter(is_published=True, pk__in=product_ids)
    ).order_by("name", "pk")
    return with_listing_relations(products, language)


# --- verification and back office -------------------------------------------------------


def certification_by_code(code, *, language):
    certification = (
        Certification.objects.select_related(
            "label", "cooperative", "certifying_body", "product"
        )
        .filter(code=code)
        .first()
    )
    if certification is not None:
        product = with_names(products().filter(pk=certification.product_id), language).first()
        certification.product_name = product_name(product, language)
    return certification


def certifications_visible_to(user):
    """Staff holding manage_labels see every claim; a cooperative's members see its own."""
    certifications = Certification.objects.select_related(
        "label", "cooperative", "certifying_body", "product", "reviewer"
    )
    if access.is_label_manager(user):
        return certifications
    return certifications.filter(cooperative__in=access.cooperatives_managed_by(user))


def certifications_filtered(queryset, *, status=None, label=None, cooperative=None, search=None):
    if status:
        queryset = queryset.filter(status=status)
    if label is not None:
        queryset = queryset.filter(label=label)
    if cooperative is not None:
        queryset = queryset.filter(cooperative=cooperative)
    if search:
        queryset = queryset.filter(
            Q(certificate_number__icontains=search) | Q(product__name__icontains=search)
        )
    return queryset


def claims_queue():
    """Pending claims, the longest waiting first."""
    return certifications_visible_to_staff().filter(status=CertificationStatus.PENDING).order_by(
        "created_at", "pk"
    )


def certifications_visible_to_staff():
    return Certification.objects.select_related(
        "label", "cooperative", "certifying_body", "product", "reviewer", "document"
    )


def certification_history(certification):
    return certification.events.select_related("actor").order_by("created_at", "pk")


def product_ids_with_label(slug, on_date=None):
    """Ids of the products displaying the label ``slug`` on ``on_date``, for catalogue filters."""
    return (
        Certification.objects.displayable(on_date)
        .filter(label__slug=slug)
        .values_list("product_id", flat=True)
        .distinct()
    )
