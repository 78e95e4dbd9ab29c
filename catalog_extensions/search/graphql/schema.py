"""`catalogueSearch`: the search interface over GraphQL, with its facet counts."""

import graphene
from saleor.graphql.core.scalars import Decimal

from marketplace.cooperatives.graphql.saleor_types import Product

from ..api import SearchRequest, search
from ..selectors import products_in_order


class SearchFacetValue(graphene.ObjectType):
    value = graphene.String(required=True, description="Value to pass back as the filter.")
    label = graphene.String(required=True, description="Name to show, in the query's language.")
    count = graphene.Int(required=True, description="Results with this value.")


class SearchFacet(graphene.ObjectType):
    name = graphene.String(
        required=True,
        description="category, label, province, cooperative, price or in_stock.",
    )
    values = graphene.List(
        graphene.NonNull(SearchFacetValue),
        required=True,
        description="The most frequent values first, at most 50.",
    )


class CatalogueSearchResult(graphene.ObjectType):
    total = graphene.Int(required=True, description="Matching products, all pages.")
    page = graphene.Int(required=True)
    per_page = graphene.Int(required=True)
    products = graphene.List(
        graphene.NonNull(Product), required=True, description="This page, best first."
    )
    facets = graphene.List(graphene.NonNull(SearchFacet), required=True)

    class Meta:
        description = "One page of catalogue search results with facet counts."

    @staticmethod
    def resolve_products(root, _info):
        return products_in_order(root.product_ids)

    @staticmethod
    def resolve_facets(root, _info):
        return [
            SearchFacet(name=name, values=[SearchFacetValue(**vars(v)) for v in values])
            for name, values in root.facets.items()
        ]


class SearchQueries(graphene.ObjectType):
    catalogue_search = graphene.Field(
        CatalogueSearchResult,
        required=True,
        text=graphene.String(),
        language=graphene.String(description="ar, fr or en (default: the request's)."),
        category=graphene.String(description="Category slug; its subcategories included."),
        label=graphene.String(description="Label slug: verified, unexpired labels only."),
        province=graphene.String(),
        cooperative=graphene.String(description="Cooperative slug."),
        price_min=Decimal(),
        price_max=Decimal(),
        in_stock=graphene.Boolean(),
        sort=graphene.String(description="relevance, newest, price, -price or name."),
        page=graphene.Int(),
        per_page=graphene.Int(),
        description="Search the published catalogue of approved cooperatives.",
    )

    @staticmethod
    def resolve_catalogue_search(_root, info, **arguments):
        language = arguments.pop("language", None) or getattr(info.context, "LANGUAGE_CODE", "fr")
        fields = {key: value for key, value in arguments.items() if value is not None}
        return search(SearchRequest(language=(language or "fr")[:2], **fields))
