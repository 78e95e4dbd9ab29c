"""``productOriginUpdate``: a cooperative sets its product's provenance and packaging facts."""

import graphene
from django.utils.translation import get_language

from catalog_extensions.labels.graphql.errors import LabelError, LabelMutation
from catalog_extensions.labels.graphql.mutations import pk_from_global_id

from ..selectors import origins_by_product
from ..services import product_origin_update
from .types import ProductOrigin


class ProductOriginInput(graphene.InputObjectType):
    province = graphene.String(description="Province code; empty for the cooperative's.")
    commune = graphene.String()
    season = graphene.String(description="Harvest or production season, e.g. 2025–2026.")
    net_quantity = graphene.String(description="As printed, e.g. 500 g or 1 L.")
    ingredients_fr = graphene.String()
    ingredients_ar = graphene.String()
    onssa_number = graphene.String(description="ONSSA sanitary authorisation; empty if none.")


class ProductOriginUpdate(LabelMutation):
    origin = graphene.Field(ProductOrigin, description="The product's origin after the change.")

    class Arguments:
        product = graphene.ID(required=True, description="ID of one of your products.")
        input = ProductOriginInput(required=True, description="Fields to change.")

    class Meta:
        description = (
            "Set where one of your cooperative's products comes from, and its packaging facts."
        )
        error_type_class = LabelError
        error_type_field = "label_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        product_id = pk_from_global_id(data["product"], "Product", "product")
        product_origin_update(
            user=info.context.user, product_id=product_id, data=dict(data["input"])
        )
        language = (get_language() or "fr")[:2]
        return cls(origin=origins_by_product([product_id], language=language)[product_id])


class OriginMutations(graphene.ObjectType):
    product_origin_update = ProductOriginUpdate.Field()
