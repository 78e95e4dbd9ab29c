"""/graphql/: Saleor's view, with who the caller is and what a request may cost decided first.

Bridge to ``saleor.graphql.views.GraphQLView`` (how Saleor parses, batches
and answers); everything else here is ours:

- Only a JWT in the ``Authorization`` header says who the caller is. The
  session cookie (and graphql-jwt's ``JWT`` cookie) are ignored: the view
  must stay CSRF-exempt for API clients, so a cookie would let any page a
  signed-in person visits send mutations as them.
- Every document of a request (a batch counts as its sum) is measured
  before anything runs; over a limit, nothing runs and the answer is one
  clear error with HTTP 400.
- The request gets a time budget: no field starts past it, and for a
  request that only reads it is also PostgreSQL's ``statement_timeout``
  (one slow statement is cut too; a write is never cut half-way).
- Documents are parsed and validated once per process (an LRU keyed by
  their text), and fields that only read an attribute skip the graphene
  middleware: graphql-core 2 validates every document on every request and
  runs each middleware, wrapped in a promise, for every field of every
  row, which cost a 24-product search more than its SQL.
"""

import threading
import time
from collections import OrderedDict
from contextlib import nullcontext
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from graphene.types.resolver import default_resolver
from graphql.backend.base import GraphQLDocument
from graphql.error import GraphQLError
from graphql.execution import ExecutionResult, execute
from graphql.execution.middleware import MiddlewareManager
from graphql.language import ast
from graphql.validation import validate
from graphql_jwt.exceptions import JSONWebTokenError
from graphql_jwt.settings import jwt_settings
from graphql_jwt.shortcuts import get_user_by_token
from graphql_jwt.utils import get_http_authorization
from saleor.graphql.views import GraphQLView

from marketplace.db.session import session_setting

from .answers import answer_key, store_answer, stored_answer
from .limits import Measure, measure_document
from .middleware import RateLimitMiddleware, TimeBudgetMiddleware, out_of_time_message


class QueryTooComplex(GraphQLError):
    """Refused before execution; Saleor's view reports the class name as the error code."""


class RequestOutOfTime(GraphQLError):
    pass


def statement_timeout(seconds):
    """Cap every SQL statement of the block (milliseconds for PostgreSQL)."""
    return session_setting("statement_timeout", max(1, int(seconds * 1000)))


def _introspection_only(document_ast):
    operations = [
        definition
        for definition in document_ast.definitions
        if isinstance(definition, ast.OperationDefinition)
    ]
    roots = [
        selection for operation in operations for selection in operation.selection_set.selections
    ]
    return all(
        isinstance(root, ast.Field) and root.name.value.startswith("__") for root in roots
    ) and any(root.name.value == "__schema" for root in roots)


def _is_attribute_read(resolver):
    while isinstance(resolver, partial):
        resolver = resolver.func
    return resolver is default_resolver


class AttributeReadsSkipMiddleware(MiddlewareManager):
    """Middleware for every field but those graphene resolves by reading an attribute.

    Such a field starts no work: nothing for Saleor's tracing (it skips them
    too), JWT or app middleware (they act at the root fields), nor the time
    budget (checked again at the next field that runs code).
    """

    __slots__ = ()

    def get_field_resolver(self, field_resolver):
        if _is_attribute_read(field_resolver):
            return field_resolver
        return super().get_field_resolver(field_resolver)


class ValidatedDocuments:
    """Parsed documents by their text, validated against the schema at most once."""

    def __init__(self, size, max_chars):
        self.size = size
        self.max_chars = max_chars
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            document = self.entries.get(key)
            if document is not None:
                self.entries.move_to_end(key)
            return document

    def put(self, key, document):
        _schema, query = key
        if len(query) > self.max_chars:
            return
        with self.lock:
            self.entries[key] = document
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


def validated_once(schema, document_ast):
    errors = []

    def execute_document(*args, **kwargs):
        kwargs.pop("validate", None)
        if not errors:
            errors.append(validate(schema, document_ast))
        if errors[0]:
            return ExecutionResult(errors=errors[0], invalid=True)
        return execute(schema, document_ast, *args, **kwargs)

    return execute_document


class MarketplaceGraphQLView(GraphQLView):
    # Saleor's schema takes seconds to introspect and answers 1 MB; clients
    # send the same few introspection documents, and the schema only changes
    # with a deploy (a new process).
    introspection_answers = {}
    INTROSPECTION_ANSWERS_KEPT = 16
    # Clients send a few documents with changing variables; a document's
    # validity depends only on its text and the schema (fixed per process).
    documents = ValidatedDocuments(size=500, max_chars=20_000)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The last middleware is the outermost: the deadline is checked first.
        self.middleware = AttributeReadsSkipMiddleware(
            *(self.middleware or []), RateLimitMiddleware(), TimeBudgetMiddleware()
        )

    def dispatch(self, request, *args, **kwargs):
        # The language of its messages: marketplace.core.middleware.ApiLanguageMiddleware.
        if request.method == "POST":
            self.authenticate(request)
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def authenticate(request):
        request.COOKIES = {
            name: value
            for name, value in request.COOKIES.items()
            if name != jwt_settings.JWT_COOKIE_NAME
        }
        request.user = AnonymousUser()
        token = get_http_authorization(request)
        if token:
            try:
                request.user = get_user_by_token(token, request) or AnonymousUser()
            except JSONWebTokenError:
                pass  # left anonymous: Saleor's JWT middleware reports the bad token as before

    def parse_query(self, query):
        if not isinstance(query, str):
            return super().parse_query(query)
        key = (self.schema, query)
        document = self.documents.get(key)
        if document is not None:
            return document, None
        document, error = super().parse_query(query)
        if document is not None:
            document = GraphQLDocument(
                schema=document.schema,
                document_string=document.document_string,
                document_ast=document.document_ast,
                execute=validated_once(document.schema, document.document_ast),
            )
            self.documents.put(key, document)
        return document, error

    def _handle_query(self, request):
        try:
            data = self.parse_body(request)
        except ValueError:
            return JsonResponse(
                data={"errors": [self.format_error(_("Unable to parse query."))]}, status=400
            )
        entries = data if isinstance(data, list) else [data]
        total, writes = self.measure(request, entries)
        refusal = self.refusal(request, total)
        if refusal is not None:
            error = {"errors": [self.format_error(refusal)]}
            body = [error for _entry in entries] if isinstance(data, list) else error
            return JsonResponse(data=body, status=400, safe=False)

        key = None if writes else self.answer_key(request, entries)
        content = stored_answer(key)
        if content is not None:
            return HttpResponse(content, content_type="application/json")

        staff = request.user.is_authenticated and request.user.is_staff
        budget = settings.GRAPHQL_STAFF_TIME_BUDGET if staff else settings.GRAPHQL_TIME_BUDGET
        request.graphql_deadline = time.monotonic() + budget
        # A cancelled statement could leave a non-atomic mutation half done:
        # writes are bounded by their limits and the deadline between fields.
        with nullcontext() if writes else statement_timeout(budget):
            responses = [self.get_response(request, entry) for entry in entries]
        status = max((code for _response, code in responses), default=200)
        results = [result for result, _code in responses]
        body = results if isinstance(data, list) else results[0]
        response = JsonResponse(data=body, status=status, safe=False)
        store_answer(key, results, status, response.content)
        return response

    def answer_key(self, request, entries):
        requested, documents = [], []
        for entry in entries:
            try:
                query, variables, operation_name = self.get_graphql_params(request, entry)
            except (ValueError, TypeError, AttributeError):
                return None
            document, error = self.parse_query(query)
            if error is not None:
                return None
            requested.append((query, variables, operation_name))
            documents.append(document)
        return answer_key(request, requested, documents)

    def get_response(self, request, data):
        key = self.introspection_key(request, data)
        if key is not None and key in self.introspection_answers:
            return self.introspection_answers[key], 200
        result, status = super().get_response(request, data)
        if (
            key is not None
            and status == 200
            and result
            and "errors" not in result
            and len(self.introspection_answers) < self.INTROSPECTION_ANSWERS_KEPT
        ):
            self.introspection_answers[key] = result
        return result, status

    def introspection_key(self, request, data):
        try:
            query, variables, operation_name = self.get_graphql_params(request, data)
        except (ValueError, TypeError, AttributeError):
            return None
        if variables or not isinstance(query, str):
            return None
        document, error = self.parse_query(query)
        if error is not None or not _introspection_only(document.document_ast):
            return None
        return query, operation_name

    def measure(self, request, entries):
        """The sum of the entries' measures, and whether any of them writes."""
        total, writes = Measure(), False
        for entry in entries:
            if not hasattr(entry, "get"):
                continue
            try:
                query, variables, operation_name = self.get_graphql_params(request, entry)
            except (ValueError, TypeError, AttributeError):
                continue  # Saleor's view answers malformed parameters itself
            document, error = self.parse_query(query)
            if error is not None:
                continue
            total = total + measure_document(
                document.document_ast,
                self.schema,
                variables=variables,
                operation_name=operation_name,
            )
            writes = writes or any(
                getattr(definition, "operation", None) == "mutation"
                for definition in document.document_ast.definitions
            )
        return total, writes

    def refusal(self, request, total):
        staff = request.user.is_authenticated and request.user.is_staff
        max_cost = settings.GRAPHQL_STAFF_MAX_COST if staff else settings.GRAPHQL_MAX_COST
        if total.depth > settings.GRAPHQL_MAX_DEPTH:
            return QueryTooComplex(
                _("The query is nested %(depth)s levels deep; the limit is %(limit)s.")
                % {"depth": total.depth, "limit": settings.GRAPHQL_MAX_DEPTH}
            )
        if total.aliases > settings.GRAPHQL_MAX_ALIASES:
            return QueryTooComplex(
                _("The request uses %(aliases)s aliases; the limit is %(limit)s.")
                % {"aliases": total.aliases, "limit": settings.GRAPHQL_MAX_ALIASES}
            )
        if total.cost > max_cost:
            return QueryTooComplex(
                _(
                    "The request would resolve about %(cost)s fields; the limit is %(limit)s. "
                    "Ask for smaller pages (first/last) or fewer nested lists."
                )
                % {"cost": total.cost, "limit": max_cost}
            )
        return None

    def execute_graphql_request(self, request, data):
        request.graphql_out_of_time = False
        result = super().execute_graphql_request(request, data)
        if request.graphql_out_of_time:
            return ExecutionResult(errors=[RequestOutOfTime(out_of_time_message())])
        return result
