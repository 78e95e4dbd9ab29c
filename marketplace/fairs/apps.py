import sys

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    name = "marketplace.fairs"
    label = "fairs"
    verbose_name = _("Fairs and mobile markets")

    def ready(self):
        register_permissions()


def register_permissions():
    """Add `manage_fairs` to Saleor's list before its GraphQL enum is built."""
    from saleor.core import permissions

    from .permissions import FairPermissions

    if FairPermissions in permissions.PERMISSIONS_ENUMS:
        return
    if "saleor.graphql.core.enums" in sys.modules:
        raise ImproperlyConfigured(
            "saleor.graphql.core.enums was imported before the fairs app "
            "registered its permissions; move the import after django.setup()."
        )
    permissions.PERMISSIONS_ENUMS.append(FairPermissions)
