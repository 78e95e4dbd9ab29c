"""What the public, members and council reviewers may read about cooperatives."""

from django.db.models import Count, Q

from .. import access
from ..models import Cooperative, CooperativeStatus
from ..saleor_catalogue import published_products, with_listing_relations


def cooperatives_for(user, status=None, province=None, search=None):
    """The cooperatives ``user`` may list: approved ones, or all of them for reviewers."""
    cooperatives = Cooperative.objects.all()
    if access.is_council_reviewer(user):
        if status:
            cooperatives = cooperatives.filter(status=status)
    else:
        if status and status != CooperativeStatus.APPROVED:
            return cooperatives.none()
        cooperatives = cooperatives.approved()
    if province:
        cooperatives = cooperatives.in_province(province)
    if search:
        search = search.strip()
        cooperatives = cooperatives.filter(
            Q(name_fr__icontains=search)
            | Q(name_ar__icontains=search)
            | Q(commune__icontains=search)
            | Q(slug__icontains=search)
        )
    return cooperatives


def cooperative_visible_to(user, *, slug=None, pk=None):
    """One cooperative by slug or id: approved for anyone; otherwise its members and reviewers."""
    if slug is None and pk is None:
        return None
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    cooperatives = Cooperative.objects.filter(**lookup)
    if not access.is_council_reviewer(user):
        cooperatives = cooperatives.filter(
            Q(status=CooperativeStatus.APPROVED) | Q(pk__in=access.cooperatives_managed_by(user))
        )
    return cooperatives.first()


def published_products_of(cooperative, language=None):
    products = published_products().filter(cooperative_link__cooperative=cooperative)
    return with_listing_relations(products.order_by("name", "pk"), language)


def public_cooperative_list(province=None):
    """The storefront list: approved cooperatives with their count of products on sale."""
    return cooperatives_for(None, province=province).annotate(
        products_on_sale=Count(
            "product_links",
            filter=Q(product_links__product__in=published_products()),
        )
    )


def cooperative_public_profile(slug, language=None):
    """An approved cooperative, or None; its published products are in ``published_products``."""
    cooperative = Cooperative.objects.approved().filter(slug=slug).first()
    if cooperative is not None:
        cooperative.published_products = list(published_products_of(cooperative, language))
    return cooperative
