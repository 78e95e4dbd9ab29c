"""The Elasticsearch backend: the same documents (documents.build_documents), the
same query semantics and facets as the PostgreSQL backend, for a council that
outgrows one database.

Settings: ``SEARCH_BACKEND = "elasticsearch"``, ``ELASTICSEARCH_URL``,
``ELASTICSEARCH_INDEX`` (the alias searched; each rebuild writes a new
``<alias>-<timestamp>`` index and swaps the alias atomically),
``ELASTICSEARCH_CLIENT_OPTIONS`` (extra keyword arguments for the client).
Documents reach the cluster from a task after commit (search/tasks.py), which
retries while the cluster is unreachable.
Text is normalised by the same function as for PostgreSQL before it reaches
the cluster; the ``ar`` and ``fr`` analyzers stem it, and the plain ``names``
field takes fuzzy matches for typos.
"""

import logging
import time

from django.conf import settings
from django.utils import timezone

from ..api import PRICE_RANGES, BackendUnavailable, SearchResult
from ..fairs import product_ids_at_fair_stop
from ..normalize import query_tokens
from .postgresql import facets_from_rows, named_facet_rows

logger = logging.getLogger(__name__)

MAX_WINDOW = 10_000
FACET_SIZE = 200
MAPPING = {
    "properties": {
        "product_id": {"type": "integer"},
        "names": {
            "type": "text",
            "fields": {
                "ar": {"type": "text", "analyzer": "ar"},
                "fr": {"type": "text", "analyzer": "fr"},
            },
        },
        "text_ar": {"type": "text", "analyzer": "ar"},
        "text_fr": {"type": "text", "analyzer": "fr"},
        "name_fr": {"type": "keyword"},
        "name_ar": {"type": "keyword"},
        "name_en": {"type": "keyword"},
        "sort_fr": {"type": "keyword"},
        "sort_ar": {"type": "keyword"},
        "sort_en": {"type": "keyword"},
        "category_slugs": {"type": "keyword"},
        "cooperative_id": {"type": "integer"},
        "cooperative_slug": {"type": "keyword"},
        "province": {"type": "keyword"},
        "price": {"type": "double"},
        "in_stock": {"type": "boolean"},
        "is_published": {"type": "boolean"},
        "visible_from": {"type": "date"},
        "seller_active": {"type": "boolean"},
        "labels": {
            "type": "nested",
            "properties": {
                "slug": {"type": "keyword"},
                "name_fr": {"type": "keyword"},
                "name_ar": {"type": "keyword"},
                "name_en": {"type": "keyword"},
                "valid_from": {"type": "date"},
                "valid_until": {"type": "date"},
            },
        },
    }
}
INDEX_SETTINGS = {"analysis": {"analyzer": {"ar": {"type": "arabic"}, "fr": {"type": "french"}}}}


# Answers that mean "not now": the same write may succeed later.
RETRYABLE_STATUSES = frozenset({408, 429, 502, 503, 504})


class IndexingUnavailable(Exception):
    """The cluster did not take the documents now; writing them again later may work."""


class IndexingRefused(Exception):
    """The cluster refused documents for a reason a retry will not change."""


def _unavailable_errors():
    from elastic_transport import ConnectionError, ConnectionTimeout, TransportError
    from elasticsearch import ApiError

    return (ConnectionError, ConnectionTimeout, TransportError, ApiError, OSError)


def es_source(document):
    source = document.as_source()
    source["visible_from"] = source.pop("publication_date") or "1970-01-01"
    for label in source["labels"]:
        label["valid_from"] = label["valid_from"] or "1970-01-01"
        label["valid_until"] = label["valid_until"] or "9999-12-31"
    return source


def _valid_on(today):
    day = today.isoformat()
    return [
        {"range": {"labels.valid_from": {"lte": day}}},
        {"range": {"labels.valid_until": {"gte": day}}},
    ]


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self):
        self._client = None

    def __str__(self):
        return f"{self.name} ({getattr(settings, 'ELASTICSEARCH_URL', '')})"

    def matching_sql(self, text, language):
        """None: the cluster's matches cannot be joined in SQL; callers ask for the ids."""
        return None

    @property
    def alias(self):
        return getattr(settings, "ELASTICSEARCH_INDEX", "terroir-products")

    @property
    def rebuild_alias(self):
        """Names the index a rebuild is filling, until it takes the alias."""
        return f"{self.alias}-rebuilding"

    @property
    def client(self):
        if self._client is None:
            from elasticsearch import Elasticsearch

            options = {"request_timeout": 2, "max_retries": 0}
            options.update(getattr(settings, "ELASTICSEARCH_CLIENT_OPTIONS", {}))
            self._client = Elasticsearch(settings.ELASTICSEARCH_URL, **options)
        return self._client

    # --- indexing -------------------------------------------------------------------

    def create_index(self):
        name = f"{self.alias}-{time.time_ns()}"
        self.client.indices.create(index=name, settings=INDEX_SETTINGS, mappings=MAPPING)
        return name

    def ensure_index(self):
        if not self.client.indices.exists_alias(name=self.alias):
            name = self.create_index()
            self.client.indices.update_aliases(
                actions=[{"add": {"index": name, "alias": self.alias}}]
            )

    def _bulk(self, index, documents, removed=()):
        """Write and delete in one bulk request; returns the items the cluster refused."""
        from elasticsearch.helpers import bulk

        actions = [
            {"_index": index, "_id": d.product_id, "_source": es_source(d)} for d in documents
        ] + [{"_op_type": "delete", "_index": index, "_id": product_id} for product_id in removed]
        if not actions:
            return []
        _done, refused = bulk(self.client, actions, refresh=True, raise_on_error=False)
        # Deleting a document the index never had is not a failure.
        return [item for item in refused if _status(item) != 404 or "delete" not in item]

    def write_documents(self, documents, *, removed=()):
        """Index `documents` and delete `removed` under the alias, visible at once.

        Raises IndexingUnavailable when the cluster cannot be reached or asks
        to come back later, IndexingRefused when it rejects the documents.
        """
        from elastic_transport import ConnectionError, ConnectionTimeout
        from elasticsearch import ApiError

        try:
            self.ensure_index()
            refused = self._bulk(self.alias, documents, removed)
            if self.client.indices.exists_alias(name=self.rebuild_alias):
                # A rebuild is filling the next index, maybe past these products already:
                # it must not be swapped in without this write.
                refused += self._bulk(self.rebuild_alias, documents, removed)
        except (ConnectionError, ConnectionTimeout, OSError) as error:
            raise IndexingUnavailable(f"{self} unreachable: {error}") from error
        except ApiError as error:
            if error.status_code in RETRYABLE_STATUSES:
                raise IndexingUnavailable(f"{self} answered {error.status_code}") from error
            raise
        if refused:
            statuses = sorted({_status(item) for item in refused})
            message = f"{self} refused {len(refused)} documents ({statuses}): {refused[0]}"
            if set(statuses) <= RETRYABLE_STATUSES:
                raise IndexingUnavailable(message)
            raise IndexingRefused(message)

    def start_rebuild(self):
        return _Rebuild(self)

    # --- searching ------------------------------------------------------------------

    def _filters(self, request, today):
        filters = [
            {"term": {"is_published": True}},
            {"term": {"seller_active": True}},
            {"range": {"visible_from": {"lte": today.isoformat()}}},
        ]
        for field, value in (
            ("category_slugs", request.category),
            ("province", request.province),
            ("cooperative_slug", request.cooperative),
        ):
            if value:
                filters.append({"term": {field: value}})
        if request.label:
            # A label counts only on the days its certification is valid.
            filters.append(
                {
                    "nested": {
                        "path": "labels",
                        "query": {
                            "bool": {
                                "filter": [
                                    {"term": {"labels.slug": request.label}},
                                    *_valid_on(today),
                                ]
                            }
                        },
                    }
                }
            )
        price = {}
        if request.price_min is not None:
            price["gte"] = float(request.price_min)
        if request.price_max is not None:
            price["lte"] = float(request.price_max)
        if price:
            filters.append({"range": {"price": price}})
        if request.in_stock:
            filters.append({"term": {"in_stock": True}})
        if request.fair_stop is not None:
            ids = sorted(product_ids_at_fair_stop(request.fair_stop))
            filters.append({"terms": {"product_id": ids}})
        if request.product_ids is not None:
            filters.append({"terms": {"product_id": list(request.product_ids)}})
        return filters

    def _sort(self, request, has_text):
        if request.sort == "newest":
            return [{"product_id": "desc"}]
        if request.sort == "price":
            return [{"price": "asc"}, {"product_id": "asc"}]
        if request.sort == "-price":
            return [{"price": "desc"}, {"product_id": "asc"}]
        if request.sort == "relevance" and has_text:
            return [{"_score": "desc"}, {"product_id": "asc"}]
        return [{f"sort_{request.language}": "asc"}, {"product_id": "asc"}]

    def _query(self, request, tokens, today, *, typos):
        query = {"bool": {"filter": self._filters(request, today)}}
        if tokens:
            phrase = " ".join(tokens)
            if typos:
                match = {
                    "match": {"names": {"query": phrase, "fuzziness": "AUTO", "operator": "and"}}
                }
            else:
                match = {
                    "multi_match": {
                        "query": phrase,
                        "fields": ["names^3", "names.ar^2", "names.fr^2", "text_ar", "text_fr"],
                        "operator": "and",
                    }
                }
            query["bool"]["must"] = [match]
        return query

    def search(self, request):
        today = timezone.localdate()
        tokens = query_tokens(request.text)
        if request.text.strip() and not tokens:
            return SearchResult([], 0, request.page, request.per_page, {})
        offset = (request.page - 1) * request.per_page
        size = max(0, min(request.per_page, MAX_WINDOW - offset))
        try:
            answer = self._search(request, tokens, today, offset, size, typos=False)
            if tokens and not answer["hits"]["total"]["value"] and request.page == 1:
                answer = self._search(request, tokens, today, offset, size, typos=True)
        except _unavailable_errors() as error:
            raise BackendUnavailable(str(error)) from error
        ids = [int(hit["_id"]) for hit in answer["hits"]["hits"]]
        total = answer["hits"]["total"]["value"]
        facets = {}
        if request.with_facets:
            facets = self._facets(answer.get("aggregations", {}), total, request.language)
        return SearchResult(ids, total, request.page, request.per_page, facets)

    def _search(self, request, tokens, today, offset, size, *, typos):
        aggregations = {}
        if request.with_facets:
            aggregations = {
                "category": {"terms": {"field": "category_slugs", "size": FACET_SIZE}},
                "cooperative": {"terms": {"field": "cooperative_slug", "size": FACET_SIZE}},
                "province": {"terms": {"field": "province", "size": FACET_SIZE}},
                "label": {
                    "nested": {"path": "labels"},
                    "aggs": {
                        "valid": {
                            "filter": {"bool": {"filter": _valid_on(today)}},
                            "aggs": {
                                "slugs": {
                                    "terms": {"field": "labels.slug", "size": FACET_SIZE},
                                    "aggs": {"products": {"reverse_nested": {}}},
                                }
                            },
                        }
                    },
                },
                "in_stock": {"terms": {"field": "in_stock", "size": 2}},
                "price": {
                    "range": {
                        "field": "price",
                        "ranges": [
                            {
                                "key": value,
                                "from": float(low),
                                **({"to": float(high)} if high else {}),
                            }
                            for value, low, high in PRICE_RANGES
                        ],
                    }
                },
            }
        return self.client.search(
            index=self.alias,
            query=self._query(request, tokens, today, typos=typos),
            sort=self._sort(request, bool(tokens)),
            from_=offset,
            size=size,
            track_total_hits=True,
            aggs=aggregations or None,
            source=False,
        )

    def _facets(self, aggregations, total, language):
        rows = [("total", "", "", total)]
        label_buckets = (
            aggregations.get("label", {}).get("valid", {}).get("slugs", {}).get("buckets", [])
        )
        rows += [
            ("label", bucket["key"], "", bucket["products"]["doc_count"])
            for bucket in label_buckets
        ]
        for name in ("category", "cooperative", "province"):
            rows += [
                (name, str(bucket["key"]), "", bucket["doc_count"])
                for bucket in aggregations.get(name, {}).get("buckets", [])
            ]
        rows += [
            ("in_stock", "true", "", bucket["doc_count"])
            for bucket in aggregations.get("in_stock", {}).get("buckets", [])
            if bucket.get("key_as_string") == "true" or bucket.get("key") in (1, True)
        ]
        rows += [
            ("price", bucket["key"], "", bucket["doc_count"])
            for bucket in aggregations.get("price", {}).get("buckets", [])
        ]
        return facets_from_rows(named_facet_rows(rows, language))[1]


def _status(item):
    return next(iter(item.values()), {}).get("status")


class _Rebuild:
    """A new index filled batch by batch, then swapped in for the alias at once."""

    def __init__(self, backend):
        self.backend = backend
        self.index = None
        try:
            self._drop_unfinished()
            self.index = backend.create_index()
            backend.client.indices.update_aliases(
                actions=[{"add": {"index": self.index, "alias": backend.rebuild_alias}}]
            )
        except _unavailable_errors() as error:
            logger.warning("Elasticsearch unreachable, only PostgreSQL is rebuilt: %s", error)

    def _drop_unfinished(self):
        client, name = self.backend.client, self.backend.rebuild_alias
        if client.indices.exists_alias(name=name):
            for index in client.indices.get_alias(name=name):
                client.indices.delete(index=index)

    def add(self, documents):
        if self.index:
            refused = self.backend._bulk(self.index, documents)
            if refused:
                logger.warning("Elasticsearch refused %d documents: %s", len(refused), refused[0])

    def finish(self):
        if not self.index:
            return
        client, alias = self.backend.client, self.backend.alias
        old = (
            list(client.indices.get_alias(name=alias))
            if client.indices.exists_alias(name=alias)
            else []
        )
        actions = [{"remove": {"index": name, "alias": alias}} for name in old]
        actions.append({"add": {"index": self.index, "alias": alias}})
        actions.append({"remove": {"index": self.index, "alias": self.backend.rebuild_alias}})
        client.indices.update_aliases(actions=actions)
        for name in old:
            client.indices.delete(index=name)
