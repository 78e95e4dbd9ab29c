"""The form of the public contact page: what shoppers see to reach the cooperative."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .onboarding import StepForm


class PublicContactForm(StepForm):
    public_phone = forms.CharField(
        label=_("Public phone"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "dir": "ltr", "autocomplete": "off"}),
    )
    public_email = forms.EmailField(
        label=_("Public e-mail"), max_length=254, required=False, widget=forms.EmailInput
    )
    public_whatsapp = forms.CharField(
        label=_("Public WhatsApp number"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "dir": "ltr", "autocomplete": "off"}),
    )

    def __init__(self, *args, cooperative=None, **kwargs):
        super().__init__(*args, cooperative=cooperative, **kwargs)
        for name in ("public_phone", "public_whatsapp"):
            if self.initial.get(name):
                self.initial[name] = str(self.initial[name])
