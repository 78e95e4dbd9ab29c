from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "marketplace.core"
    label = "marketplace_core"
    verbose_name = _("Marketplace")

    def ready(self):
        # Saleor 2.10's product.tasks and product.utils import each other; when
        # tasks is imported first (creating a variant in a management command,
        # a Celery worker or a test, before the GraphQL layer loaded), the
        # import fails. Importing utils first, as Saleor's API does, avoids it.
        import saleor.product.utils  # noqa: F401
