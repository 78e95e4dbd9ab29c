"""Relay connections over our querysets, paged the way Saleor's are (first/after, totalCount)."""

import graphene
from graphql_relay.connection.arrayconnection import connection_from_list_slice
from graphql_relay.utils import unbase64

MAX_PAGE = 100


def _offset(cursor, default):
    if not cursor:
        return default
    try:
        return int(unbase64(cursor).split(":")[-1])
    except (ValueError, TypeError):
        return default


def queryset_connection(queryset, args, connection_type, *, prepare=None):
    """A relay connection over ``queryset`` that fetches only the requested slice.

    ``first``/``after`` (or ``last``/``before``) choose the slice, at most
    MAX_PAGE rows; ``totalCount`` counts the whole queryset. ``prepare``, if
    given, receives the page's rows to attach what they read in bulk.
    """
    total = queryset.count()
    first, last = args.get("first"), args.get("last")
    start = _offset(args.get("after"), -1) + 1
    end = min(_offset(args.get("before"), total), total)
    if first is not None:
        end = min(end, start + max(first, 0))
    if last is not None:
        start = max(start, end - max(last, 0))
    end = min(end, start + MAX_PAGE)
    rows = list(queryset[start:end])
    if prepare is not None:
        prepare(rows)
    connection = connection_from_list_slice(
        rows,
        {"first": end - start},
        slice_start=start,
        list_length=total,
        list_slice_length=end - start,
        connection_type=connection_type,
        edge_type=connection_type.Edge,
        pageinfo_type=graphene.relay.PageInfo,
    )
    connection.page_info.has_previous_page = start > 0
    connection.page_info.has_next_page = end < total
    connection.iterable = _Counted(total)
    return connection


class _Counted:
    """What Saleor's ``CountableConnection.totalCount`` reads: the count taken above."""

    def __init__(self, total):
        self.total = total

    def count(self):
        return self.total
