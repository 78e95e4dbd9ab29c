"""The one module of the fairs app that reads and writes Saleor's collections and products.

A published stop has a Saleor ``Collection`` of what will be on sale there;
staff curate it, and it is public while the stop and its fair are.
"""

from django.db import transaction
from saleor.core.utils import generate_unique_slug
from saleor.product.models import Collection, CollectionProduct, Product

from marketplace.cooperatives.saleor_catalogue import with_listing_relations


def products_of_cooperative(cooperative, product_ids):
    """The products among ``product_ids`` that belong to ``cooperative``."""
    return Product.objects.filter(pk__in=product_ids, cooperative_link__cooperative=cooperative)


def products_by_ids(product_ids):
    return Product.objects.filter(pk__in=product_ids)


def stop_collection_create(*, name, product_ids):
    """A new, unpublished collection holding ``product_ids`` in the given order."""
    collection = Collection(name=_unique_name(name), is_published=False)
    collection.slug = generate_unique_slug(collection, collection.name)
    collection.save()
    collection_add_products(collection, product_ids)
    return collection


def _unique_name(name):
    candidate, number = name[:240], 1
    while Collection.objects.filter(name=candidate).exists():
        number += 1
        candidate = f"{name[:232]} ({number})"
    return candidate


def collection_add_products(collection, product_ids):
    present = set(
        CollectionProduct.objects.filter(collection=collection).values_list(
            "product_id", flat=True
        )
    )
    new = [pk for pk in dict.fromkeys(product_ids) if pk not in present]
    with transaction.atomic():
        for pk in new:
            CollectionProduct.objects.create(collection=collection, product_id=pk)


def collection_remove_products(collection, product_ids):
    CollectionProduct.objects.filter(collection=collection, product_id__in=product_ids).delete()


def collection_product_ids(collection):
    return list(
        CollectionProduct.objects.filter(collection=collection)
        .order_by("sort_order", "pk")
        .values_list("product_id", flat=True)
    )


def collection_set_published(collection, published):
    Collection.objects.filter(pk=collection.pk).update(
        is_published=published, publication_date=None
    )
    collection.is_published = published


def collection_products_for_page(collection, *, user):
    """The collection's products a visitor may see, with what a product card shows."""
    products = Product.objects.visible_to_user(user).filter(
        collectionproduct__collection=collection
    )
    return with_listing_relations(products.order_by("collectionproduct__sort_order", "pk"))


def product_choices_of(cooperative):
    """The cooperative's products, to pick those it brings to a stop."""
    return Product.objects.filter(cooperative_link__cooperative=cooperative).order_by("name")


def products_of_exhibitors(stop):
    """Products of the cooperatives accepted at ``stop``: what its collection may hold."""
    return Product.objects.filter(
        cooperative_link__cooperative__fair_applications__stop=stop,
        cooperative_link__cooperative__fair_applications__status="accepted",
    ).order_by("cooperative_link__cooperative__name_fr", "name")
