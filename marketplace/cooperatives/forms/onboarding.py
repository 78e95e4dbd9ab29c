"""One form per step of the application; the service checks the values, the forms shape them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.core.regions import Province

from ..models import DocumentKind, LegalForm, Sector


class StepForm(forms.Form):
    """Fields map one to one onto cooperative_update's data; errors come back by field name."""

    def __init__(self, *args, cooperative=None, **kwargs):
        if cooperative is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(cooperative, name) for name in self.base_fields if name != "logo"
            }
            if kwargs["initial"].get("phone"):
                kwargs["initial"]["phone"] = str(kwargs["initial"]["phone"])
        super().__init__(*args, **kwargs)

    def service_data(self):
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if not (isinstance(self.fields[name], forms.FileField) and not value)
        }


class ApplyForm(StepForm):
    name_fr = forms.CharField(label=_("Name in French"), max_length=200)
    name_ar = forms.CharField(
        label=_("Name in Arabic"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
    )
    legal_form = forms.ChoiceField(
        label=_("Legal form"),
        choices=LegalForm.choices,
        initial=LegalForm.COOPERATIVE,
        widget=forms.RadioSelect,
    )


class IdentityForm(ApplyForm):
    founded_on = forms.DateField(
        label=_("Founded on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class RegistrationForm(StepForm):
    register_number = forms.CharField(
        label=_("Register number"),
        max_length=40,
        required=False,
        help_text=_("As written on your register certificate."),
    )
    ice = forms.CharField(
        label=_("ICE"),
        max_length=20,
        required=False,
        help_text=_("Common company identifier: 15 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class LocationForm(StepForm):
    province = forms.ChoiceField(
        label=_("Prefecture or province"),
        choices=[("", "—"), *Province.choices],
        required=False,
    )
    commune = forms.CharField(label=_("Commune"), max_length=120, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)


class ContactsForm(StepForm):
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("A Moroccan number, e.g. +212 6 12 34 56 78."),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class FiguresForm(StepForm):
    members_count = forms.IntegerField(label=_("Members"), min_value=0, required=False)
    women_members = forms.IntegerField(label=_("Women members"), min_value=0, required=False)
    young_members = forms.IntegerField(
        label=_("Young members"),
        min_value=0,
        required=False,
        help_text=_("Members under 35."),
    )


class StoryForm(StepForm):
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    story_fr = forms.CharField(
        label=_("Your story in French"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    story_ar = forms.CharField(
        label=_("Your story in Arabic"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "rtl", "lang": "ar"}),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A JPEG or PNG image."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png"}),
    )


class PayoutForm(StepForm):
    bank_name = forms.CharField(label=_("Bank"), max_length=120, required=False)
    rib = forms.CharField(
        label=_("RIB"),
        max_length=40,
        required=False,
        help_text=_("24 digits, as on your bank's RIB."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
