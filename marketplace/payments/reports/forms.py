import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from ..reconciliation import MAX_DAYS, default_period


class PeriodForm(forms.Form):
    """The days a report covers, both included (Africa/Casablanca)."""

    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None, **kwargs):
        if data is not None and not (data.get("date_from") or data.get("date_to")):
            data = None
        if data is None:
            date_from, date_to = default_period()
            data = {"date_from": date_from.isoformat(), "date_to": date_to.isoformat()}
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to:
            if date_from > date_to:
                self.add_error("date_to", _("The end date must not be before the start date."))
            elif date_to - date_from >= datetime.timedelta(days=MAX_DAYS):
                self.add_error(
                    "date_to",
                    _("A report covers at most %(days)d days.") % {"days": MAX_DAYS},
                )
        return cleaned
