from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OriginConfig(AppConfig):
    name = "catalog_extensions.origin"
    label = "origin"
    verbose_name = _("Product origin")
