"""The default backend: one table of stored documents (catalog_extensions.search.models)
queried with a GIN-indexed text-search vector (arabic and french configurations)
and trigram similarity on names for typos and truncations."""

from contextlib import nullcontext

from django.db import connection
from django.utils import timezone

from marketplace.core.regions import Province
from marketplace.db.session import session_setting

from ..api import PRICE_RANGES, Facet, SearchRequest, SearchResult
from ..fairs import product_ids_at_fair_stop
from ..normalize import query_tokens

TRIGRAM_THRESHOLD = 0.5

PRICE_BUCKET_SQL = (
    "CASE "
    + " ".join(
        f"WHEN m.price >= {low} AND m.price < {high} THEN '{value}'"
        if high is not None
        else f"WHEN m.price >= {low} THEN '{value}'"
        for value, low, high in PRICE_RANGES
    )
    + " END"
)

NAME_SORT = {
    "fr": "d.sort_fr",
    "ar": "COALESCE(NULLIF(d.sort_ar, ''), d.sort_fr)",
    "en": "COALESCE(NULLIF(d.sort_en, ''), d.sort_fr)",
}


def set_trigram_threshold(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET pg_trgm.word_similarity_threshold = %s", [str(TRIGRAM_THRESHOLD)])


def _tsquery(tokens):
    parts, params = [], []
    for token in tokens:
        parts.append(
            "(plainto_tsquery('arabic', %s) || plainto_tsquery('search_fr', %s)"
            " || to_tsquery('simple', %s))"
        )
        params += [token, token, f"{token}:*" if len(token) >= 3 else token]
    return " && ".join(parts), params


def index_scans(wanted):
    """Keep the planner on the GIN index for a text query.

    It prices `document @@ query` like any operator and, for a word in a
    sixth of the catalogue, prefers reading the whole table: 70 ms of
    detoasting and matching every document against 3 ms by the index.
    """
    return session_setting("enable_seqscan", "off") if wanted else nullcontext()


class PostgresBackend:
    name = "postgresql"

    def __str__(self):
        return self.name

    def _where(self, request, today):
        clauses = [
            "d.is_published",
            "(d.publication_date IS NULL OR d.publication_date <= %s)",
            "d.seller_active",
        ]
        params = [today]
        if request.category:
            clauses.append("d.category_slugs @> ARRAY[%s]::varchar[]")
            params.append(request.category)
        if request.province:
            clauses.append("d.province = %s")
            params.append(request.province)
        if request.cooperative:
            clauses.append("d.cooperative_slug = %s")
            params.append(request.cooperative)
        if request.price_min is not None:
            clauses.append("d.price >= %s")
            params.append(request.price_min)
        if request.price_max is not None:
            clauses.append("d.price <= %s")
            params.append(request.price_max)
        if request.in_stock:
            clauses.append("d.in_stock")
        if request.label:
            clauses.append(
                "EXISTS (SELECT 1 FROM catalog_search_searchlabel l"
                " WHERE l.product_id = d.product_id AND l.slug = %s"
                " AND (l.valid_from IS NULL OR l.valid_from <= %s)"
                " AND (l.valid_until IS NULL OR l.valid_until >= %s))"
            )
            params += [request.label, today, today]
        if request.fair_stop is not None:
            clauses.append("d.product_id = ANY(%s)")
            params.append(list(product_ids_at_fair_stop(request.fair_stop)))
        if request.product_ids is not None:
            clauses.append("d.product_id = ANY(%s)")
            params.append(list(request.product_ids))
        return clauses, params

    def search(self, request):
        today = timezone.localdate()
        tokens = query_tokens(request.text)
        if request.text.strip() and not tokens:
            return SearchResult([], 0, request.page, request.per_page, {})
        run = self._page_and_facets if request.with_facets else self._page
        with index_scans(bool(tokens)), connection.cursor() as cursor:
            ids, total, facets = run(cursor, request, tokens, today, typos=False)
            if tokens and not ids and request.page == 1:
                # Nothing spelt that way: try names that look alike (typos, truncations).
                ids, total, facets = run(cursor, request, tokens, today, typos=True)
        return SearchResult(ids, total or 0, request.page, request.per_page, facets)

    def matching_sql(self, text, language):
        """``(sql, params)`` selecting the ids of the products whose documents
        have the words of ``text``, for another query to semi-join (``id IN
        (sql)``): the SQL goes to the caller, so no list of ids travels.

        The same documents as ``search``: published, publication date past,
        approved seller. None when ``text`` has no word to match or no document
        has its words (then ``search`` looks for names that look alike).
        """
        tokens = query_tokens(text)
        if not tokens:
            return None
        request = SearchRequest(text=text, language=language)
        today = timezone.localdate()
        clauses, params = self._where(request, today)
        tsquery, tsquery_params = _tsquery(tokens)
        # The query as a scalar subquery: the planner cannot see the words, so it
        # does not guess a third of the catalogue and read every document (see
        # index_scans); the statement this SQL joins runs without that setting.
        select = "SELECT d.product_id FROM catalog_search_searchdocument d WHERE "
        words = select + " AND ".join([*clauses, f"d.document @@ (SELECT {tsquery})"])
        words_params = [*params, *tsquery_params]
        with index_scans(True), connection.cursor() as cursor:
            cursor.execute(f"SELECT EXISTS ({words})", words_params)
            found = cursor.fetchone()[0]
        # Without: names that look alike, which word similarity finds slowly
        # (~15 ms for a few hundred names); better once, as a list of ids, than
        # again in the page and in its count.
        return (words, words_params) if found else None

    def _matches(self, request, tokens, today, *, typos):
        """The matched documents as `m` (with `rank`), and the parameters of that SQL."""
        clauses, params = self._where(request, today)
        rank_sql, rank_params = "0", []
        if tokens:
            phrase = " ".join(tokens)
            if typos:
                clauses.append("%s <%% d.names")
                params.append(phrase)
                rank_sql, rank_params = "word_similarity(%s, d.names)", [phrase]
            else:
                tsquery, tsquery_params = _tsquery(tokens)
                clauses.append(f"d.document @@ ({tsquery})")
                params += tsquery_params
                rank_sql = f"ts_rank(d.document, ({tsquery}), 1)"
                rank_params = tsquery_params
        if request.sort != "relevance":
            rank_sql, rank_params = "0", []  # computed for every match, not only the page
        # The matches first, then their order: ordered straight from the table,
        # the planner may walk an index in that order and test every document.
        sql = (
            "WITH m AS MATERIALIZED ("
            " SELECT d.product_id, d.category_slugs, d.cooperative_id, d.province, d.price,"
            f" d.in_stock, d.sort_fr, d.sort_ar, d.sort_en, {rank_sql} AS rank"
            f" FROM catalog_search_searchdocument d WHERE {' AND '.join(clauses)})"
        )
        return sql, [*rank_params, *params]

    def _page(self, cursor, request, tokens, today, *, typos):
        matches, params = self._matches(request, tokens, today, typos=typos)
        cursor.execute(
            f"{matches} SELECT d.product_id, COUNT(*) OVER () FROM m AS d"
            f" ORDER BY {self._order(request, bool(tokens))} LIMIT %s OFFSET %s",
            [*params, request.per_page, (request.page - 1) * request.per_page],
        )
        rows = cursor.fetchall()
        total = rows[0][1] if rows else None
        if total is None and request.page > 1:
            cursor.execute(f"{matches} SELECT COUNT(*) FROM m", params)
            total = cursor.fetchone()[0]
        return [row[0] for row in rows], total, {}

    def _page_and_facets(self, cursor, request, tokens, today, *, typos):
        """Page, total and every facet's counts from one pass over the matches."""
        matches, params = self._matches(request, tokens, today, typos=typos)
        language = request.language
        order = self._order(request, bool(tokens))
        cursor.execute(
            f"""
            {matches}, page AS (
                SELECT d.product_id, row_number() OVER (ORDER BY {order}) AS position
                FROM m AS d
            )
            SELECT 'page', product_id::text, '', position FROM page
            WHERE position > %s AND position <= %s
            UNION ALL
{FACETS_SQL}
            """,
            [
                *params,
                (request.page - 1) * request.per_page,
                request.page * request.per_page,
                language,
                language,
                language,
                language,
                today,
                today,
            ],
        )
        rows = cursor.fetchall()
        page = sorted((row for row in rows if row[0] == "page"), key=lambda row: row[3])
        total, facets = facets_from_rows([row for row in rows if row[0] != "page"])
        return [int(row[1]) for row in page], total, facets

    def _order(self, request, has_text):
        if request.sort == "newest":
            return "d.product_id DESC"
        if request.sort == "price":
            return "d.price ASC NULLS LAST, d.product_id"
        if request.sort == "-price":
            return "d.price DESC NULLS LAST, d.product_id"
        if request.sort == "relevance" and has_text:
            return "rank DESC, d.product_id"
        return f"{NAME_SORT[request.language]}, d.product_id"


# Counts of every facet over the matches `m`; parameters: language ×4, today ×2.
FACETS_SQL = f"""            SELECT 'total', '', '', COUNT(*) FROM m
            UNION ALL
            SELECT 'category', c.slug, COALESCE(ct.name, c.name), COUNT(*)
            FROM m CROSS JOIN LATERAL unnest(m.category_slugs) AS s(slug)
            JOIN product_category c ON c.slug = s.slug
            LEFT JOIN product_categorytranslation ct
                ON ct.category_id = c.id AND ct.language_code = %s
            GROUP BY c.slug, ct.name, c.name
            UNION ALL
            SELECT 'cooperative', co.slug,
                   CASE WHEN %s = 'ar' AND co.name_ar <> '' THEN co.name_ar ELSE co.name_fr END,
                   COUNT(*)
            FROM m JOIN cooperatives_cooperative co ON co.id = m.cooperative_id
            GROUP BY co.slug, co.name_ar, co.name_fr
            UNION ALL
            SELECT 'province', m.province, '', COUNT(*) FROM m
            WHERE m.province <> '' GROUP BY m.province
            UNION ALL
            SELECT 'price', {PRICE_BUCKET_SQL}, '', COUNT(*) FROM m
            WHERE m.price IS NOT NULL GROUP BY 2
            UNION ALL
            SELECT 'in_stock', 'true', '', COUNT(*) FROM m WHERE m.in_stock
            UNION ALL
            SELECT 'label', l.slug,
                   MAX(CASE WHEN %s = 'ar' AND l.name_ar <> '' THEN l.name_ar
                            WHEN %s = 'en' AND l.name_en <> '' THEN l.name_en
                            ELSE l.name_fr END),
                   COUNT(DISTINCT m.product_id)
            FROM m JOIN catalog_search_searchlabel l ON l.product_id = m.product_id
                AND (l.valid_from IS NULL OR l.valid_from <= %s)
                AND (l.valid_until IS NULL OR l.valid_until >= %s)
            GROUP BY l.slug
"""


def facets_from_rows(rows):
    """(facet, value, label, count) rows → total and {facet: [Facet]} sorted by count."""
    total, facets = 0, {name: [] for name in FACET_NAMES}
    for facet, value, label, count in rows:
        if facet == "total":
            total = count
        elif value and count:
            facets[facet].append(Facet(value, label or facet_label(facet, value), count))
    for name in ("category", "cooperative", "label", "province"):
        facets[name].sort(key=lambda item: (-item.count, item.label))
        # A word found in 800 cooperatives' products would answer 800 values
        # (86 KB, most of a request's time); a filter list shows the first
        # few (the storefront 12). Both backends are cut here alike.
        del facets[name][FACET_VALUES_KEPT:]
    order = {value: index for index, (value, _low, _high) in enumerate(PRICE_RANGES)}
    facets["price"].sort(key=lambda item: order.get(item.value, 99))
    return total, facets


FACET_NAMES = ("category", "label", "province", "cooperative", "price", "in_stock")
FACET_VALUES_KEPT = 50


def facet_label(facet, value):
    from django.utils.translation import pgettext

    if facet == "province":
        try:
            return str(Province(value).label)
        except ValueError:
            return value
    if facet == "in_stock":
        return pgettext("search facet", "In stock")
    if facet == "price":
        low, _, high = value.partition("-")
        if high:
            return pgettext("search facet", "%(low)s to %(high)s MAD") % {"low": low, "high": high}
        return pgettext("search facet", "%(low)s MAD and more") % {"low": low}
    return value


def named_facet_rows(rows, language):
    """Facet rows from another backend, with the names of categories, cooperatives
    and labels read in one query."""
    wanted = {
        facet: [value for name, value, _label, _count in rows if name == facet]
        for facet in ("category", "cooperative", "label")
    }
    if not any(wanted.values()):
        return rows
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT 'category', c.slug, COALESCE(ct.name, c.name) FROM product_category c
            LEFT JOIN product_categorytranslation ct
                ON ct.category_id = c.id AND ct.language_code = %s
            WHERE c.slug = ANY(%s)
            UNION ALL
            SELECT 'cooperative', co.slug,
                   CASE WHEN %s = 'ar' AND co.name_ar <> '' THEN co.name_ar ELSE co.name_fr END
            FROM cooperatives_cooperative co WHERE co.slug = ANY(%s)
            UNION ALL
            SELECT 'label', l.slug,
                   MAX(CASE WHEN %s = 'ar' AND l.name_ar <> '' THEN l.name_ar
                            WHEN %s = 'en' AND l.name_en <> '' THEN l.name_en
                            ELSE l.name_fr END)
            FROM catalog_search_searchlabel l WHERE l.slug = ANY(%s) GROUP BY l.slug
            """,
            [
                language,
                wanted["category"],
                language,
                wanted["cooperative"],
                language,
                language,
                wanted["label"],
            ],
        )
        names = {(facet, value): label for facet, value, label in cursor.fetchall()}
    return [
        (facet, value, names.get((facet, value), label), count)
        for facet, value, label, count in rows
    ]
