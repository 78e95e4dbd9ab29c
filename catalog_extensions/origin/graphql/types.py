"""The public ``ProductOrigin`` type, read through ``Product.origin``."""

import graphene
from django.utils.translation import get_language
from saleor.graphql.core.dataloaders import DataLoader

from ..selectors import origins_by_product


class ProductOrigin(graphene.ObjectType):
    cooperative_name = graphene.String(required=True, description="The producing cooperative.")
    cooperative_url = graphene.String(required=True, description="Its page on the site.")
    province = graphene.String(required=True, description="Province code, e.g. sefrou.")
    province_name = graphene.String(required=True, description="In the request's language.")
    commune = graphene.String(required=True)
    season = graphene.String(required=True, description="Harvest or production season.")
    net_quantity = graphene.String(required=True, description="As printed, e.g. 500 g.")
    ingredients = graphene.String(required=True, description="In the request's language.")

    class Meta:
        description = "Where a product comes from and what its packaging states."

    @staticmethod
    def resolve_cooperative_url(root, info):
        if not root.cooperative_url:
            return ""
        return info.context.build_absolute_uri(root.cooperative_url)


class OriginByProductLoader(DataLoader):
    context_key = "origin_by_product"

    def batch_load(self, keys):
        origins = origins_by_product(keys, language=(get_language() or "fr")[:2])
        return [origins.get(key) for key in keys]


def resolve_product_origin(root, info):
    return OriginByProductLoader(info.context).load(root.pk)
