from django import forms

from .models import ProductOrigin


class ProductOriginForm(forms.ModelForm):
    class Meta:
        model = ProductOrigin
        fields = [
            "province",
            "commune",
            "season",
            "net_quantity",
            "ingredients_fr",
            "ingredients_ar",
            "onssa_number",
        ]
        widgets = {
            "ingredients_fr": forms.Textarea(attrs={"rows": 3}),
            "ingredients_ar": forms.Textarea(attrs={"rows": 3, "dir": "rtl", "lang": "ar"}),
        }

    def _post_clean(self):
        # The service validates and saves; the form only collects.
        pass
