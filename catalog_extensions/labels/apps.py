import sys

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class LabelsConfig(AppConfig):
    name = "catalog_extensions.labels"
    label = "labels"
    verbose_name = _("Labels")

    def ready(self):
        register_permissions()


def register_permissions():
    """Add ``manage_labels`` to Saleor's list before its GraphQL ``PermissionEnum`` is built."""
    from saleor.core import permissions

    from .permissions import LabelPermissions

    if LabelPermissions in permissions.PERMISSIONS_ENUMS:
        return
    if "saleor.graphql.core.enums" in sys.modules:
        raise ImproperlyConfigured(
            "saleor.graphql.core.enums was imported before the labels app "
            "registered its permissions; move the import after django.setup()."
        )
    permissions.PERMISSIONS_ENUMS.append(LabelPermissions)
