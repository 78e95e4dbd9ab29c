"""``packagingLabelCreate``: a cooperative's printable sticker sheet, as a short-lived link."""

import graphene
from django.urls import reverse

from marketplace.cooperatives.models import CooperativeProduct

from ..packaging import DEFAULT_FORMAT, STICKER_FORMATS
from ..packaging_labels import DOWNLOAD_SECONDS, packaging_label_download_token
from .errors import LabelError, LabelMutation
from .mutations import pk_from_global_id


class PackagingLabelInput(graphene.InputObjectType):
    format = graphene.String(
        description=(
            f"Sticker size: one of {', '.join(STICKER_FORMATS)} (default {DEFAULT_FORMAT})."
        )
    )
    lot_number = graphene.String(required=True, description="As printed on the batch.")
    best_before = graphene.Date(required=True, description="Today or later.")
    copies = graphene.Int(description="Number of stickers; one full sheet when omitted.")


class PackagingLabelCreate(LabelMutation):
    url = graphene.String(description="Where to download the PDF sheet, for 15 minutes.")
    expires_in = graphene.Int(description="Seconds the link stays valid.")

    class Arguments:
        product = graphene.ID(
            required=True, description="ID of one of your cooperative's products."
        )
        input = PackagingLabelInput(required=True)

    class Meta:
        description = (
            "Lay out one of your cooperative's products' packaging labels in Arabic and French "
            "on an A4 sheet of stickers; returns a link to the PDF."
        )
        error_type_class = LabelError
        error_type_field = "label_errors"

    @classmethod
    def check_permissions(cls, context):
        return bool(context.user and context.user.is_authenticated)

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        request = info.context
        product_id = pk_from_global_id(data["product"], "Product", "product")
        link = (
            CooperativeProduct.objects.select_related("cooperative")
            .filter(product_id=product_id)
            .first()
        )
        cooperative = link.cooperative if link else None
        fields = data["input"]
        token = packaging_label_download_token(
            user=request.user,
            cooperative=cooperative,
            product_id=product_id,
            sticker_format=fields.get("format") or DEFAULT_FORMAT,
            lot_number=fields["lot_number"],
            best_before=fields["best_before"],
            copies=fields.get("copies"),
        )
        path = reverse("packaging-label-download", kwargs={"token": token})
        return cls(url=request.build_absolute_uri(path), expires_in=DOWNLOAD_SECONDS)
