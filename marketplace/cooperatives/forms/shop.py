"""Forms of a cooperative's shop pages: a product, its images, a bulk import.

They collect input; the services validate it again and decide.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from .. import saleor_catalogue as catalogue


class TranslatedProductTypeField(forms.ModelChoiceField):
    # Saleor 2.10 has no product type translations: the catalogue's types are
    # translated in our message catalogues; a type staff add later shows its name.
    def label_from_instance(self, obj):
        return pgettext("product type", obj.name)


class TranslatedCategoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.translated.name or obj.name
        return f"{'— ' * obj.level}{name}"


class ProductForm(forms.Form):
    # One of the two names is enough (the service says which is missing).
    name_ar = forms.CharField(
        label=_("Name in Arabic"),
        max_length=250,
        required=False,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
        help_text=_("Arabic or French: one of the two names is enough."),
    )
    name_fr = forms.CharField(
        label=_("Name in French"), max_length=250, required=False,
        widget=forms.TextInput(attrs={"lang": "fr"}),
    )
    name_en = forms.CharField(label=_("Name in English"), max_length=250, required=False)
    description_fr = forms.CharField(
        label=_("Description in French"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    description_ar = forms.CharField(
        label=_("Description in Arabic"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "rtl"}),
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    product_type = TranslatedProductTypeField(label=_("Product type"), queryset=None)
    category = TranslatedCategoryField(label=_("Category"), queryset=None)
    price = forms.DecimalField(
        label=_("Price (MAD)"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    sku = forms.CharField(
        label=_("SKU"), max_length=255, help_text=_("Your own unique reference, no spaces.")
    )
    quantity = forms.IntegerField(
        label=_("Stock"),
        min_value=0,
        initial=0,
        help_text=_("Items ready to sell in your warehouse."),
    )
    is_published = forms.BooleanField(label=_("Published on the shop"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_type"].queryset = catalogue.product_types()
        self.fields["category"].queryset = catalogue.categories().prefetch_related(
            "translations"
        )
        if get_language() != "ar":
            self.order_fields(["name_fr", "name_ar"])

    @classmethod
    def initial_for(cls, product, warehouse_id):
        translations = catalogue.translations_of(product)
        variants = list(product.variants.all())
        first = variants[0] if variants else None
        return {
            "name_fr": product.name,
            "name_ar": translations.get("ar", ("", ""))[0],
            "name_en": translations.get("en", ("", ""))[0],
            "description_fr": product.description,
            "description_ar": translations.get("ar", ("", ""))[1],
            "description_en": translations.get("en", ("", ""))[1],
            "product_type": product.product_type_id,
            "category": product.category_id,
            "price": product.price_amount,
            "sku": first.sku if first else "",
            "quantity": catalogue.variant_quantity(first, warehouse_id) if first else 0,
            "is_published": product.is_published,
        }


class ProductImageForm(forms.Form):
    # Checked by content in the service (Pillow), not by Django's ImageField.
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG, WebP or GIF, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    alt = forms.CharField(
        label=_("Short description of the photo"), max_length=128, required=False
    )


class ProductImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8, comma or semicolon) or Excel .xlsx, up to 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
