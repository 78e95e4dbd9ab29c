"""Catalogue search: one interface (`search`) over a PostgreSQL or Elasticsearch backend.

from catalog_extensions.search import SearchRequest, search
result = search(SearchRequest(text="amlou", language="fr", in_stock=True))
result.product_ids, result.total, result.facets["category"]
"""

from .api import Facet, SearchRequest, SearchResult, search

__all__ = ["Facet", "SearchRequest", "SearchResult", "search"]
