import functools

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from graphql import GraphQLError
from graphql_jwt.exceptions import PermissionDenied as GraphQLPermissionDenied
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types.common import Error
from saleor.graphql.core.utils import snake_to_camel_case
from saleor.graphql.core.utils.error_codes import get_error_code_from_error

from .. import models
from ..errors import CooperativeErrorCode

CooperativeErrorCodeEnum = graphene.Enum.from_enum(CooperativeErrorCode)
COOPERATIVE_ERROR_CODES = {code.value for code in CooperativeErrorCode}


class CooperativeError(Error):
    code = CooperativeErrorCodeEnum(description="The error code.", required=True)


ERROR_META = {"error_type_class": CooperativeError, "error_type_field": "cooperative_errors"}


def error_code(error):
    # Saleor's converter turns every code it does not know into "invalid";
    # ours must reach the client as they are.
    code = getattr(error.code, "value", error.code)
    if code in COOPERATIVE_ERROR_CODES:
        return code
    code = get_error_code_from_error(error)
    return code if code in COOPERATIVE_ERROR_CODES else CooperativeErrorCode.INVALID.value


def cooperative_errors(validation_error):
    """A ValidationError as Saleor's typed errors: (Error(field, message), code, params)."""
    errors_by_field = getattr(validation_error, "error_dict", None) or {
        NON_FIELD_ERRORS: validation_error.error_list
    }
    return [
        (
            Error(
                field=None if field == NON_FIELD_ERRORS else snake_to_camel_case(field),
                message=error.messages[0],
            ),
            error_code(error),
            None,
        )
        for field, field_errors in errors_by_field.items()
        for error in field_errors
    ]


class CooperativeMutation(BaseMutation):
    """Base of our mutations: errors{field message code} with CooperativeErrorCode codes."""

    class Meta:
        abstract = True

    @classmethod
    def handle_errors(cls, error, **extra):
        return cls.handle_typed_errors(cooperative_errors(error), **extra)


def denied_as_graphql_error(resolver):
    """Report a refusal the way Saleor reports its own, for queries.

    A ``PermissionDenied`` from ``access`` becomes Saleor's permission error;
    a ``ValidationError`` (an unknown ID) becomes an error with its message.
    Mutations report both through ``cooperativeErrors`` instead.
    """

    @functools.wraps(resolver)
    def wrapper(*args, **kwargs):
        try:
            return resolver(*args, **kwargs)
        except PermissionDenied as error:
            raise GraphQLPermissionDenied(str(error) or None)
        except ValidationError as error:
            raise GraphQLError(error.messages[0])

    return wrapper


def cooperative_from_global_id(global_id, *, field="cooperative"):
    """The cooperative a global ID names, or a ``NOT_FOUND`` error on ``field``.

    A malformed ID, an ID of another type and an unknown cooperative fail
    alike, before any permission check, with one clear message.
    """
    try:
        type_name, pk = graphene.Node.from_global_id(global_id)
        cooperative = (
            models.Cooperative.objects.filter(pk=int(pk)).first()
            if type_name == "Cooperative"
            else None
        )
    except (TypeError, ValueError, UnicodeDecodeError):
        cooperative = None
    if cooperative is None:
        raise ValidationError(
            {
                field: ValidationError(
                    _("No cooperative matches this ID: %(id)s.") % {"id": global_id},
                    code=CooperativeErrorCode.NOT_FOUND.value,
                )
            }
        )
    return cooperative
