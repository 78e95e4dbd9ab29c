"""Forms of the members page: inviting someone to act for the cooperative."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MembershipRole


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=MembershipRole.choices,
        initial=MembershipRole.MANAGER,
        help_text=_("Managers run the shop; owners also manage its members."),
    )
