from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "storefront.pagecache"
    label = "storefront_pagecache"
    verbose_name = _("Storefront page cache")

    def ready(self):
        from catalog_extensions.search.indexing import elasticsearch_written

        from .tracking import bump_catalogue_version

        elasticsearch_written.connect(bump_catalogue_version, dispatch_uid="pagecache-search")
