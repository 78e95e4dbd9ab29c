"""Back-office forms of the labels domain; the services behind them do the checking."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives.models import CooperativeProduct
from marketplace.core.regions import Province

from .models import CertificationStatus, CertifyingBody, Label

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LabelForm(forms.ModelForm):
    provinces = forms.MultipleChoiceField(
        label=_("Geographical area (provinces)"),
        required=False,
        choices=Province.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For an IGP or AOP: where the protected product must be made."),
    )
    certifying_bodies = forms.ModelMultipleChoiceField(
        label=_("Certifying bodies allowed"),
        required=False,
        queryset=CertifyingBody.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Label
        fields = [
            "kind",
            "slug",
            "name_fr",
            "name_ar",
            "name_en",
            "description_fr",
            "description_ar",
            "description_en",
            "guarantees_fr",
            "guarantees_ar",
            "guarantees_en",
            "certifying_bodies",
            "certificate_required",
            "logo",
            "protected_product_fr",
            "protected_product_ar",
            "provinces",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "description_fr",
                "description_ar",
                "description_en",
                "guarantees_fr",
                "guarantees_ar",
                "guarantees_en",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name_ar", "description_ar", "guarantees_ar", "protected_product_ar"):
            self.fields[name].widget.attrs.update({"dir": "rtl", "lang": "ar"})

    def validate_unique(self):
        # The service reports a taken slug with its own code.
        pass

    def service_data(self):
        data = {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in ("certifying_bodies", "logo")
        }
        return data


class ClaimForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"), queryset=CooperativeProduct.objects.none()
    )
    label = forms.ModelChoiceField(label=_("Label"), queryset=Label.objects.all())
    certifying_body = forms.ModelChoiceField(
        label=_("Certifying body"), queryset=CertifyingBody.objects.all(), required=False
    )
    certificate_number = forms.CharField(
        label=_("Certificate number"), max_length=80, required=False
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE_WIDGET)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE_WIDGET)
    file = forms.FileField(
        label=_("Certificate"),
        required=False,
        help_text=_("PDF, JPEG or PNG; kept private, seen only by the council's reviewers."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args, cooperative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = (
            CooperativeProduct.objects.filter(cooperative=cooperative)
            .select_related("product")
            .order_by("product__name", "pk")
        )
        self.fields["product"].label_from_instance = lambda link: link.product.name


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class VerifyForm(forms.Form):
    pass


class ClaimsFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Pending review")), ("all", _("All"))]
        + [
            choice
            for choice in CertificationStatus.choices
            if choice[0] != CertificationStatus.PENDING
        ],
    )

    def status_filter(self):
        if not self.is_valid():
            return CertificationStatus.PENDING
        status = self.cleaned_data.get("status")
        if status == "all":
            return None
        return status or CertificationStatus.PENDING
