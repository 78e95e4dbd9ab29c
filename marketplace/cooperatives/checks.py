from django.conf import settings
from django.core.checks import Error, register

PLUGIN = "marketplace.cooperatives.plugin.CooperativeMarketplacePlugin"


@register()
def plugin_is_installed(app_configs, **kwargs):
    """Without the plugin, orders are never split per cooperative and the ledger stays empty."""
    if PLUGIN in settings.PLUGINS:
        return []
    return [
        Error(
            "The cooperatives plugin is not in PLUGINS: orders would not be split per "
            "cooperative and no sale would reach the ledger.",
            hint=f'Add "{PLUGIN}" to settings.PLUGINS.',
            id="marketplace.E001",
        )
    ]
