"""The project's Celery app is Saleor's: its tasks are bound to that app
object, and its autodiscovery already covers every installed app (ours too).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

from saleor.celeryconf import app  # noqa: E402

__all__ = ["app"]
