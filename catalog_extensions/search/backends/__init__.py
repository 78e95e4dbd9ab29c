"""Search backends: `postgresql` (default) and `elasticsearch`, chosen by SEARCH_BACKEND."""

import logging

from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

BACKENDS = {
    "postgresql": "catalog_extensions.search.backends.postgresql.PostgresBackend",
    "elasticsearch": "catalog_extensions.search.backends.elasticsearch.ElasticsearchBackend",
}
_instances = {}


def get_backend(name):
    if name not in BACKENDS:
        logger.warning("Unknown SEARCH_BACKEND %r: PostgreSQL serves.", name)
    path = BACKENDS.get(name, BACKENDS["postgresql"])
    if path not in _instances:
        _instances[path] = import_string(path)()
    return _instances[path]


def reset():
    """Forget backend instances (settings changed, e.g. in tests)."""
    _instances.clear()
