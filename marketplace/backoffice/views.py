from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from catalog_extensions.labels.access import is_label_manager
from marketplace.cooperatives.access import cooperatives_managed_by, is_council_reviewer


@login_required
def home(request):
    """Where a cooperative member or a council reviewer lands after logging in."""
    cooperatives = cooperatives_managed_by(request.user).order_by("name_fr")
    context = {
        "cooperatives": cooperatives,
        "is_reviewer": is_council_reviewer(request.user),
        "is_label_manager": is_label_manager(request.user),
    }
    return render(request, "backoffice/home.html", context)
