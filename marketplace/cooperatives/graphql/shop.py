"""A cooperative's shop over GraphQL: its products, stock and bulk imports.

Saleor's own product mutations stay staff-only (``manage_products``); these
are the members' path, scoped to their cooperative's products. Products come
back as Saleor's ``Product`` type.
"""

import graphene
from graphene_django import DjangoObjectType
from saleor.graphql.core.fields import PrefetchingConnectionField
from saleor.graphql.core.scalars import Decimal
from saleor.graphql.core.types import Upload

from .. import access, models
from .. import saleor_catalogue as catalogue
from ..services.importing import product_import_start
from ..services.products import (
    cooperative_product_create,
    cooperative_product_delete,
    cooperative_product_image_add,
    cooperative_product_image_remove,
    cooperative_product_update,
    cooperative_stock_set,
)
from .errors import (
    CooperativeError,
    CooperativeMutation,
    cooperative_from_global_id,
    denied_as_graphql_error,
)
from .saleor_types import Category, Product, ProductImage, ProductType, ProductVariant
from .types import Cooperative

ImportStatusEnum = graphene.Enum(
    "CooperativeImportStatus", [(status.name, status.value) for status in models.ImportStatus]
)


class CooperativeImportRowError(graphene.ObjectType):
    row = graphene.Int(description="Row number in the file (the header is row 1).")
    field = graphene.String(description="The column at fault, if any.")
    code = graphene.String(required=True, description="A CooperativeErrorCode value.")
    message = graphene.String(required=True)

    class Meta:
        description = "Why one row of a product import was skipped."


def can_see_import(user, product_import):
    return access.is_council_reviewer(user) or access.is_member(user, product_import.cooperative)


class CooperativeProductImport(DjangoObjectType):
    status = ImportStatusEnum(required=True)
    progress_percent = graphene.Int(required=True)
    row_errors = graphene.List(graphene.NonNull(CooperativeImportRowError), required=True)

    class Meta:
        model = models.ProductImport
        description = "A CSV or XLSX file of products a cooperative imports, and its outcome."
        interfaces = [graphene.relay.Node]
        only_fields = [
            "id",
            "original_name",
            "total_rows",
            "processed_rows",
            "created_count",
            "updated_count",
            "created_at",
            "finished_at",
        ]

    @classmethod
    def get_node(cls, info, pk):
        product_import = (
            models.ProductImport.objects.select_related("cooperative").filter(pk=pk).first()
        )
        if product_import is None or not can_see_import(info.context.user, product_import):
            return None
        return product_import

    @staticmethod
    def resolve_progress_percent(root, _info):
        return root.progress_percent

    @staticmethod
    def resolve_row_errors(root, _info):
        return [
            CooperativeImportRowError(
                row=error.get("row"),
                field=error.get("field"),
                code=error.get("code") or "invalid",
                message=error.get("message") or "",
            )
            for error in root.row_errors
        ]


class CooperativeVariantInput(graphene.InputObjectType):
    sku = graphene.String(required=True, description="Unique stock keeping unit.")
    name = graphene.String(description="E.g. 500 g.")
    price = Decimal(description="Price in MAD, if it differs from the product's.")
    quantity = graphene.Int(description="Stock in the cooperative's warehouse.")


class CooperativeProductInput(graphene.InputObjectType):
    name_fr = graphene.String(description="Name in French (this or nameAr to create).")
    name_ar = graphene.String(description="Name in Arabic (this or nameFr to create).")
    name_en = graphene.String(description="Name in English.")
    description_fr = graphene.String(description="Description in French.")
    description_ar = graphene.String(description="Description in Arabic.")
    description_en = graphene.String(description="Description in English.")
    product_type = graphene.ID(description="ID of a Saleor product type.")
    category = graphene.ID(description="ID of a Saleor category.")
    price = Decimal(description="Price in MAD, greater than zero.")
    sku = graphene.String(description="SKU of the product's (first) variant.")
    quantity = graphene.Int(description="Stock of the first variant in the own warehouse.")
    variants = graphene.List(
        graphene.NonNull(CooperativeVariantInput),
        description="Variants, matched by SKU on update (never removed).",
    )
    is_published = graphene.Boolean(description="Whether shoppers see it.")


def product_queryset():
    # Members must reach their unpublished products too.
    return catalogue.all_products()


class ShopMutation(CooperativeMutation):
    class Meta:
        abstract = True

    @classmethod
    def clean_input(cls, info, data):
        data = dict(data)
        for field, graphene_type in (("product_type", ProductType), ("category", Category)):
            if data.get(field):
                data[field] = cls.get_node_or_error(
                    info, data[field], field=field, only_type=graphene_type
                )
        if data.get("variants") is not None:
            data["variants"] = [
                {key: value for key, value in dict(item).items() if value is not None}
                for item in data["variants"]
            ]
        return data


class CooperativeProductCreate(ShopMutation):
    product = graphene.Field(Product, description="The new product.")

    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the cooperative.")
        input = CooperativeProductInput(required=True, description="The product.")

    class Meta:
        description = "Create a product of the member's approved cooperative."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative = cls.get_node_or_error(
            info, data["cooperative"], field="cooperative", only_type=Cooperative
        )
        product = cooperative_product_create(
            cooperative=cooperative,
            user=info.context.user,
            data=cls.clean_input(info, data["input"]),
        )
        return cls(product=product)


class CooperativeProductUpdate(ShopMutation):
    product = graphene.Field(Product, description="The product after the change.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the (Saleor) product.")
        input = CooperativeProductInput(required=True, description="The fields to change.")

    class Meta:
        description = "Change a product of the member's cooperative."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        product = cls.get_node_or_error(info, data["id"], only_type=Product, qs=product_queryset())
        product = cooperative_product_update(
            product=product, user=info.context.user, data=cls.clean_input(info, data["input"])
        )
        return cls(product=product)


class CooperativeProductDelete(ShopMutation):
    product = graphene.Field(Product, description="The deleted product.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the (Saleor) product.")

    class Meta:
        description = (
            "Delete a product of the member's cooperative; refused while an order waiting "
            "to ship holds it."
        )
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        product = cls.get_node_or_error(info, data["id"], only_type=Product, qs=product_queryset())
        pk = product.pk
        cooperative_product_delete(product=product, user=info.context.user)
        product.id = pk
        return cls(product=product)


class CooperativeProductImageCreate(ShopMutation):
    product = graphene.Field(Product)
    image = graphene.Field(ProductImage)

    class Arguments:
        product = graphene.ID(required=True, description="ID of the (Saleor) product.")
        image = Upload(required=True, description="A JPEG, PNG, WebP or GIF image, up to 10 MB.")
        alt = graphene.String(description="Short description of the photo.")

    class Meta:
        description = "Add a photo to a product of the member's cooperative."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        product = cls.get_node_or_error(
            info, data["product"], field="product", only_type=Product, qs=product_queryset()
        )
        image = cooperative_product_image_add(
            product=product,
            user=info.context.user,
            image=info.context.FILES.get(data["image"]),
            alt=data.get("alt") or "",
        )
        return cls(product=product, image=image)


class CooperativeProductImageDelete(ShopMutation):
    product = graphene.Field(Product)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the product image.")

    class Meta:
        description = "Remove a photo from a product of the member's cooperative."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        image = cls.get_node_or_error(
            info,
            data["id"],
            only_type=ProductImage,
            qs=catalogue.images_with_product(),
        )
        cooperative_product_image_remove(
            product=image.product, user=info.context.user, image_id=image.pk
        )
        return cls(product=image.product)


class CooperativeStock(graphene.ObjectType):
    variant = graphene.Field(ProductVariant, required=True)
    quantity = graphene.Int(required=True, description="Items in the cooperative's warehouse.")
    quantity_allocated = graphene.Int(required=True, description="Items promised to orders.")

    class Meta:
        description = "A variant's stock in its cooperative's own warehouse."


class CooperativeStockUpdate(ShopMutation):
    stock = graphene.Field(CooperativeStock)

    class Arguments:
        variant = graphene.ID(required=True, description="ID of the product variant.")
        quantity = graphene.Int(required=True, description="New quantity, not below allocated.")

    class Meta:
        description = "Set a variant's stock in the member's cooperative warehouse."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        variant = cls.get_node_or_error(
            info,
            data["variant"],
            field="variant",
            only_type=ProductVariant,
            qs=catalogue.variants_with_product(),
        )
        stock = cooperative_stock_set(
            variant=variant, user=info.context.user, quantity=data["quantity"]
        )
        return cls(
            stock=CooperativeStock(
                variant=variant,
                quantity=stock.quantity,
                quantity_allocated=catalogue.allocated_quantity(stock),
            )
        )


class CooperativeProductImportStart(ShopMutation):
    product_import = graphene.Field(CooperativeProductImport)

    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the cooperative.")
        file = Upload(
            required=True,
            description=(
                "CSV (UTF-8, comma or semicolon) or XLSX with the columns sku, name_fr, "
                "name_ar, description_fr, description_ar, product_type, category, price, "
                "quantity, published."
            ),
        )

    class Meta:
        description = "Import products from a file; rows are processed in the background."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative = cls.get_node_or_error(
            info, data["cooperative"], field="cooperative", only_type=Cooperative
        )
        product_import = product_import_start(
            cooperative=cooperative,
            user=info.context.user,
            uploaded_file=info.context.FILES.get(data["file"]),
        )
        return cls(product_import=product_import)


class ShopQueries(graphene.ObjectType):
    cooperative_products = PrefetchingConnectionField(
        Product,
        cooperative=graphene.Argument(
            graphene.ID, required=True, description="ID of the cooperative."
        ),
        description="All products of a cooperative, published or not (its members only).",
    )
    cooperative_product_import = graphene.Field(
        CooperativeProductImport,
        id=graphene.Argument(graphene.ID, required=True, description="ID of the import."),
        description="A product import (its cooperative's members and council reviewers).",
    )

    @staticmethod
    @denied_as_graphql_error
    def resolve_cooperative_products(_root, info, cooperative, **_kwargs):
        found = cooperative_from_global_id(cooperative)
        if not access.is_member(info.context.user, found):
            return catalogue.all_products().none()
        return catalogue.cooperative_products(found).order_by("name", "pk")

    @staticmethod
    def resolve_cooperative_product_import(_root, info, id):
        return graphene.Node.get_node_from_global_id(info, id, CooperativeProductImport)


class ShopMutations(graphene.ObjectType):
    cooperative_product_create = CooperativeProductCreate.Field()
    cooperative_product_update = CooperativeProductUpdate.Field()
    cooperative_product_delete = CooperativeProductDelete.Field()
    cooperative_product_image_create = CooperativeProductImageCreate.Field()
    cooperative_product_image_delete = CooperativeProductImageDelete.Field()
    cooperative_stock_update = CooperativeStockUpdate.Field()
    cooperative_product_import = CooperativeProductImportStart.Field()
