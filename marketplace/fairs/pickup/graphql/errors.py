import graphene
from django.core.exceptions import NON_FIELD_ERRORS
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types.common import Error
from saleor.graphql.core.utils import snake_to_camel_case

from marketplace.cooperatives.graphql.errors import denied_as_graphql_error

from ..errors import PickupErrorCode

PickupErrorCodeEnum = graphene.Enum.from_enum(PickupErrorCode)
PICKUP_ERROR_CODES = {code.value for code in PickupErrorCode}


class PickupError(Error):
    code = PickupErrorCodeEnum(description="The error code.", required=True)


def _code(error):
    code = getattr(error.code, "value", error.code)
    return code if code in PICKUP_ERROR_CODES else PickupErrorCode.INVALID.value


def pickup_errors(validation_error):
    by_field = getattr(validation_error, "error_dict", None) or {
        NON_FIELD_ERRORS: validation_error.error_list
    }
    return [
        (
            Error(
                field=None if field == NON_FIELD_ERRORS else snake_to_camel_case(field),
                message=error.messages[0],
            ),
            _code(error),
            None,
        )
        for field, errors in by_field.items()
        for error in errors
    ]


class PickupMutation(BaseMutation):
    """Errors as pickupErrors{field message code}; a refusal by role as a permission error."""

    class Meta:
        abstract = True

    @classmethod
    @denied_as_graphql_error
    def mutate(cls, root, info, **data):
        return super().mutate(root, info, **data)

    @classmethod
    def handle_errors(cls, error, **extra):
        return cls.handle_typed_errors(pickup_errors(error), **extra)
