from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "catalog_extensions.search"
    label = "catalog_search"
    verbose_name = _("Catalogue search")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import freshness
        from .backends.postgresql import set_trigram_threshold

        freshness.connect()
        connection_created.connect(set_trigram_threshold, dispatch_uid="search-trigram")
