from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog_extensions.labels.errors import LabelErrorCode
from marketplace.core.regions import Province

# ONSSA sanitary authorisation (or approval) numbers: letters, digits, dots, slashes, dashes.
onssa_number_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9./ -]{2,39}$",
    _("Enter the ONSSA authorisation number as printed on it, e.g. AS.12.345.21."),
    code=LabelErrorCode.INVALID_ONSSA_NUMBER.value,
)


class ProductOrigin(models.Model):
    """Where a product comes from and what its packaging label must state.

    The producing cooperative is the one that sells the product; province
    and commune default to the cooperative's own and may name the place of
    harvest instead. The packaging facts (net quantity, ingredients, the
    ONSSA sanitary authorisation) feed the printed label.
    """

    product = models.OneToOneField(
        "product.Product", on_delete=models.CASCADE, related_name="terroir_origin"
    )
    province = models.CharField(_("province"), max_length=20, choices=Province.choices, blank=True)
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    season = models.CharField(_("harvest or production season"), max_length=80, blank=True)
    net_quantity = models.CharField(
        _("net quantity"), max_length=40, blank=True, help_text=_("As printed, e.g. 500 g or 1 L.")
    )
    ingredients_fr = models.TextField(_("ingredients in French"), blank=True)
    ingredients_ar = models.TextField(_("ingredients in Arabic"), blank=True)
    onssa_number = models.CharField(
        _("ONSSA sanitary authorisation number"),
        max_length=40,
        blank=True,
        validators=[onssa_number_validator],
        help_text=_("Leave empty when the product needs none."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self):
        return f"{self.product_id}: {self.province} {self.commune}"
