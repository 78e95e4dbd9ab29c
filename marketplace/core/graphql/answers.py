"""Answers to anonymous catalogue reads, kept under the catalogue version.

A shopper's search or listing asks what every other anonymous shopper asks
("amlou", the first page of honey), and its answer only changes when the
catalogue does. Such an answer is stored by the text of the request and what
else it depends on (language, the address called, country, currency, the day
in Morocco) under the catalogue version: PostgreSQL bumps it at the commit of
any write to the tables these answers read (storefront/pagecache, and
migrations that track more), and the search index bumps it after writing to
Elasticsearch. A stored answer is therefore never older than the data it
shows; what changes by the clock alone (a sale that starts at an hour) shows
within ``GRAPHQL_CATALOGUE_CACHE_SECONDS``.

Only requests without any credential are answered from here, and only
queries whose root fields all read the public catalogue: everything a
stored answer shows, any anonymous caller could have asked for.
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from graphql.language import ast

from marketplace.core.catalogue_version import catalogue_version

CATALOGUE_ROOT_FIELDS = frozenset(
    {"products", "product", "catalogueSearch", "categories", "category", "__typename"}
)
# A shop's page of 24 products with prices is ~6 KB, a search with its facets
# ~10 KB. Larger answers are not kept: what the cache may hold stays bounded by
# throughput × this × GRAPHQL_CATALOGUE_CACHE_SECONDS (~80 MB at worst).
MAX_ANSWER_BYTES = 64 * 1024


def _catalogue_reads_only(document_ast):
    for definition in document_ast.definitions:
        if not isinstance(definition, ast.OperationDefinition):
            continue
        if definition.operation != "query":
            return False
        for selection in definition.selection_set.selections:
            if not isinstance(selection, ast.Field):
                return False
            if selection.name.value not in CATALOGUE_ROOT_FIELDS:
                return False
    return True


def answer_key(request, entries, documents):
    """The key of this request's answer, or None when it must be worked out anew.

    ``entries`` are the request's (query, variables, operation name), and
    ``documents`` their parsed documents.
    """
    if not settings.GRAPHQL_CATALOGUE_CACHE_SECONDS:
        return None
    if request.META.get("HTTP_AUTHORIZATION") or request.user.is_authenticated:
        return None
    if not documents or not all(
        document is not None and _catalogue_reads_only(document.document_ast)
        for document in documents
    ):
        return None
    identity = json.dumps(
        [
            entries,
            get_language() or "",
            # Image URLs are made absolute with the address the caller used.
            request.scheme,
            request.get_host(),
            str(getattr(request, "country", "") or ""),
            str(getattr(request, "currency", "") or ""),
        ],
        sort_keys=True,
        default=str,
    )
    digest = hashlib.sha256(identity.encode()).hexdigest()
    # Labels expire and products get published by date, not by a write.
    return f"graphql-answer:{catalogue_version()}:{timezone.localdate().isoformat()}:{digest}"


def stored_answer(key):
    return cache.get(key) if key else None


def store_answer(key, results, status, content):
    """Keep a complete answer: no errors (a refusal, a timeout, a bad variable)."""
    complete = all(isinstance(result, dict) and not result.get("errors") for result in results)
    if key and complete and status == 200 and len(content) <= MAX_ANSWER_BYTES:
        cache.set(key, content, settings.GRAPHQL_CATALOGUE_CACHE_SECONDS)
