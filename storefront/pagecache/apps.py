from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "storefront.pagecache"
    label = "storefront_pagecache"
    verbose_name = _("Storefront page cache")
