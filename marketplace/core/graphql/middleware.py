"""Graphene middleware of /graphql/: rate limits on sensitive mutations, time budget.

Both run at each field's resolution, so every alias and every operation of
a batch counts on its own.
"""

import time

from django.utils.translation import gettext as _
from graphql.error import GraphQLError
from promise import Promise, is_thenable

from ..ratelimit import Attempt, RateLimited, signed_in_account


def out_of_time_message():
    return _("The request ran out of time; ask for less at once.")


class TooManyAttempts(GraphQLError):
    """Refused by a rate limit; Saleor's view reports the class name as the error code."""


def _input_email(kwargs):
    return (kwargs.get("input") or {}).get("email")


def _no_errors(payload):
    return payload is not None and not getattr(payload, "errors", None)


def _logged_in(payload):
    return bool(getattr(payload, "token", None))


# Root mutation field -> (action in settings.RATE_LIMITS, the account it names,
# and for actions where only failures count, how to tell a success).
LIMITED_MUTATIONS = {
    "tokenCreate": ("login", lambda kwargs, _request: kwargs.get("email"), _logged_in),
    "accountRegister": ("signup", lambda kwargs, _request: _input_email(kwargs), None),
    "requestPasswordReset": (
        "password-reset",
        lambda kwargs, _request: kwargs.get("email"),
        None,
    ),
    "setPassword": ("account-token", lambda kwargs, _request: kwargs.get("email"), _no_errors),
    "confirmAccount": ("account-token", lambda kwargs, _request: kwargs.get("email"), _no_errors),
    "passwordChange": (
        "password-check",
        lambda _kwargs, request: signed_in_account(request),
        _no_errors,
    ),
    "requestEmailChange": (
        "account-email",
        lambda _kwargs, request: signed_in_account(request),
        None,
    ),
    "accountRequestDeletion": (
        "account-email",
        lambda _kwargs, request: signed_in_account(request),
        None,
    ),
    "cooperativeApply": (
        "cooperative-apply",
        lambda _kwargs, request: signed_in_account(request),
        None,
    ),
    "packagingLabelCreate": (
        "packaging-label",
        lambda _kwargs, request: signed_in_account(request),
        None,
    ),
}


class RateLimitMiddleware:
    @staticmethod
    def resolve(next_, root, info, **kwargs):
        limited = LIMITED_MUTATIONS.get(info.field_name)
        if len(info.path) > 1 or limited is None or info.operation.operation != "mutation":
            return next_(root, info, **kwargs)
        action, account, succeeded = limited
        try:
            attempt = Attempt(action, info.context, account=account(kwargs, info.context))
        except RateLimited as refusal:
            raise TooManyAttempts(str(refusal)) from refusal
        result = next_(root, info, **kwargs)
        if succeeded is None:
            return result

        def give_back_on_success(payload):
            if succeeded(payload):
                attempt.succeeded()
            return payload

        if is_thenable(result):
            return Promise.resolve(result).then(give_back_on_success)
        return give_back_on_success(result)


class TimeBudgetMiddleware:
    """No field starts past the request's deadline (``request.graphql_deadline``).

    Past it, a query's fields resolve to nothing at once (raising would log
    and report one error per remaining field) and the view replaces the
    answer with one error. A mutation that has started runs to its end (its
    result must reach the client); the next root mutation is refused instead.
    """

    @staticmethod
    def resolve(next_, root, info, **kwargs):
        request = info.context
        deadline = getattr(request, "graphql_deadline", None)
        if deadline is None or time.monotonic() <= deadline:
            return next_(root, info, **kwargs)
        if info.operation.operation != "mutation":
            request.graphql_out_of_time = True
            return None
        if len(info.path) == 1:
            raise GraphQLError(out_of_time_message())
        return next_(root, info, **kwargs)
