"""The public contact page: a member chooses how shoppers may reach the cooperative."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from marketplace.core.forms import add_service_errors

from .. import access
from ..forms.profile import PublicContactForm
from ..models import Cooperative
from ..services.profile import cooperative_public_contact_update


@login_required
def public_contact(request, slug):
    cooperative = get_object_or_404(Cooperative, slug=slug)
    access.ensure_member(request.user, cooperative)
    form = PublicContactForm(request.POST or None, cooperative=cooperative)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                cooperative_public_contact_update(
                    cooperative=cooperative, user=request.user, data=form.service_data()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your public contact has been saved."))
                return redirect("backoffice:cooperative-public-contact", slug=cooperative.slug)
        status = 400
    return render(
        request,
        "cooperatives/profile/public_contact.html",
        {"cooperative": cooperative, "form": form},
        status=status,
    )
