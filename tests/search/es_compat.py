"""Test-only: talk to the osmem-server stand-in, which answers the official
client's versioned media type (`application/vnd.elasticsearch+json;
compatible-with=8`) with 406, in plain `application/json`."""

import re

from elastic_transport import Urllib3HttpNode

_VERSIONED = re.compile(r"application/vnd\.elasticsearch\+([a-z-]+); compatible-with=\d+")


class PlainJsonNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers is not None:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if headers.get(name):
                    headers[name] = _VERSIONED.sub(r"application/\1", headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)
