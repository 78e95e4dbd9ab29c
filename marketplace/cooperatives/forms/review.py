"""Forms of the council console: queue filters and the review decisions."""

from urllib.parse import urlencode

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from marketplace.backoffice.confirm import ConfirmField
from marketplace.core.regions import Province

from ..models import CooperativeStatus
from ..services.review import comment_label, reviewable_comment_keys


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Awaiting review")), ("all", _("All"))] + list(CooperativeStatus.choices),
    )
    province = forms.ChoiceField(
        label=_("Province"),
        required=False,
        choices=[("", _("All provinces"))] + list(Province.choices),
    )

    def filters(self):
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}

    def query_string(self):
        """The chosen filters as a query string, for links to other pages of the queue."""
        return urlencode(self.filters())


class ApproveForm(forms.Form):
    pass


class ReasonForm(forms.Form):
    """A decision that must say why: reject, suspend."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the cooperative's owners."),
    )


class ConfirmedReasonForm(ReasonForm):
    """Reject and suspend: a reason, and a tick that says the reviewer means it."""

    confirm = ConfirmField()


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def comment_field_name(key):
    return "comment_" + key.replace(":", "__")


class RequestChangesForm(forms.Form):
    """A reason and, optionally, one comment per application field and per document."""

    reason = forms.CharField(
        label=_("What must change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Give a reason, a comment on a field or document below, or both."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in reviewable_comment_keys():
            self.fields[comment_field_name(key)] = forms.CharField(
                label=capfirst(comment_label(key)),
                required=False,
                widget=forms.Textarea(attrs={"rows": 1}),
            )

    def field_comments(self):
        return {
            key: self.cleaned_data[comment_field_name(key)]
            for key in reviewable_comment_keys()
            if self.cleaned_data.get(comment_field_name(key))
        }
