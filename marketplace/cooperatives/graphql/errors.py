import graphene
from django.core.exceptions import NON_FIELD_ERRORS
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types.common import Error
from saleor.graphql.core.utils import snake_to_camel_case
from saleor.graphql.core.utils.error_codes import get_error_code_from_error

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
