"""The season planner page's forms: the choices, the stops' defaults, the edited proposal."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.core.regions import Province

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class SeasonPlanForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=DateInput())
    date_to = forms.DateField(label=_("To"), widget=DateInput())
    provinces = forms.MultipleChoiceField(
        label=_("Provinces to reach"),
        choices=Province.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days a stop may be held"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    blackout_dates = forms.CharField(
        label=_("Days without stops (one date a line, YYYY-MM-DD)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    teams = forms.IntegerField(label=_("Teams (trucks)"), min_value=1, max_value=50)
    min_days_between = forms.IntegerField(
        label=_("Days from one stop of a team to its next"), min_value=1, max_value=365
    )
    stops_wanted = forms.IntegerField(label=_("Stops wanted"), min_value=1, max_value=366)
    opens_at = forms.TimeField(label=_("Stops open at"), widget=TimeInput())
    closes_at = forms.TimeField(label=_("Stops close at"), widget=TimeInput())
    stand_capacity = forms.IntegerField(label=_("Stands per stop"), min_value=1, max_value=1000)
    deadline_days = forms.IntegerField(
        label=_("Applications close (days before the stop)"), min_value=0, max_value=90
    )
    pickup_offered = forms.BooleanField(label=_("Offer pickup of online orders"), required=False)

    def clean_blackout_dates(self):
        days = []
        for line in self.cleaned_data["blackout_dates"].split():
            try:
                days.append(datetime.date.fromisoformat(line.strip()))
            except ValueError:
                raise forms.ValidationError(
                    _("%(value)s is not a date (write it YYYY-MM-DD)."),
                    code="invalid",
                    params={"value": line},
                ) from None
        return days

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("opens_at") and cleaned.get("closes_at"):
            if cleaned["closes_at"] <= cleaned["opens_at"]:
                self.add_error("closes_at", _("A stop must close after it opens."))
        return cleaned


class PlannedStopForm(forms.Form):
    keep = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    team = forms.IntegerField(label=_("Team"), min_value=1, max_value=50)
    province = forms.ChoiceField(label=_("Province"), choices=Province.choices)
    explanation = forms.CharField(required=False, widget=forms.HiddenInput)


PlannedStopFormSet = forms.formset_factory(PlannedStopForm, extra=0, max_num=366)
