import sys

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class CooperativesConfig(AppConfig):
    name = "marketplace.cooperatives"
    verbose_name = _("Cooperatives")

    def ready(self):
        register_permissions()
        from . import checks  # noqa: F401  (registers the system checks)


def register_permissions():
    """Add our permissions to Saleor's list before its GraphQL enum is built.

    ``saleor.graphql.core.enums`` freezes ``PermissionEnum`` from
    ``PERMISSIONS_ENUMS`` when first imported; after that, an appended enum
    would be invisible to the API (and to staff permission groups).
    """
    from saleor.core import permissions

    from .permissions import CooperativePermissions

    if CooperativePermissions in permissions.PERMISSIONS_ENUMS:
        return
    if "saleor.graphql.core.enums" in sys.modules:
        raise ImproperlyConfigured(
            "saleor.graphql.core.enums was imported before the cooperatives app "
            "registered its permissions; move the import after django.setup()."
        )
    permissions.PERMISSIONS_ENUMS.append(CooperativePermissions)
