from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Fair, FairStop
from .services import NEEDS_MAX_LENGTH, Decision


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class FairForm(forms.ModelForm):
    class Meta:
        model = Fair
        fields = [
            "slug",
            "kind",
            "name_fr",
            "name_ar",
            "name_en",
            "description_fr",
            "description_ar",
            "description_en",
            "season_start",
            "season_end",
        ]
        widgets = {
            "season_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "season_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "description_ar": forms.Textarea(attrs={"dir": "rtl", "lang": "ar", "rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def validate_unique(self):
        """The service reports a taken slug with its own code."""


class StopForm(forms.ModelForm):
    class Meta:
        model = FairStop
        fields = [
            "province",
            "commune",
            "venue",
            "latitude",
            "longitude",
            "starts_at",
            "ends_at",
            "stand_capacity",
            "application_deadline",
            "pickup_offered",
            "pickup_cutoff_hours",
            "team",
            "internal_notes",
        ]
        widgets = {
            "starts_at": LocalDateTimeInput(),
            "ends_at": LocalDateTimeInput(),
            "application_deadline": LocalDateTimeInput(),
            "internal_notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "starts_at": _("Local time (Africa/Casablanca)."),
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.CHOICES, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Note to the cooperative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
    )


class ApplicationForm(forms.Form):
    products = forms.ModelMultipleChoiceField(
        label=_("Products you will bring"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    needs = forms.CharField(
        label=_("What you need at your stand"),
        help_text=_("Power, shade, a table… Only the council reads this."),
        required=False,
        max_length=NEEDS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = products
        self.fields["products"].label_from_instance = lambda product: product.name


class CollectionForm(forms.Form):
    products = forms.ModelMultipleChoiceField(
        label=_("Products in the stop's collection"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = products
        self.fields["products"].label_from_instance = lambda product: product.name
