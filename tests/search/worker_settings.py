"""Settings of the Celery worker the retry tests start: the test settings, with the
Elasticsearch client talking plain JSON to the osmem-server stand-in."""

from tests.search.es_compat import PlainJsonNode
from tests.settings import *  # noqa: F401,F403

ELASTICSEARCH_CLIENT_OPTIONS = {"node_class": PlainJsonNode, "request_timeout": 5}
