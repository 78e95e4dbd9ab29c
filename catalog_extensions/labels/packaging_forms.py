from django import forms
from django.utils.translation import gettext_lazy as _

from .packaging import DEFAULT_FORMAT, MAX_COPIES, STICKER_FORMATS


class PackagingLabelForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Sticker size"),
        choices=[(code, sticker.name) for code, sticker in STICKER_FORMATS.items()],
        initial=DEFAULT_FORMAT,
    )
    lot_number = forms.CharField(
        label=_("Lot number"),
        max_length=30,
        help_text=_("As printed on the batch, e.g. L-2611-07."),
    )
    best_before = forms.DateField(
        label=_("Best before"), widget=forms.DateInput(attrs={"type": "date"})
    )
    copies = forms.IntegerField(
        label=_("Number of stickers"),
        min_value=1,
        max_value=MAX_COPIES,
        required=False,
        help_text=_("Leave empty for one full sheet."),
    )
