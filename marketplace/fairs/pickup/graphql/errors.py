import graphene
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types.common import Error

from marketplace.cooperatives.graphql.errors import denied_as_graphql_error
from marketplace.core.graphql.errors import typed_errors

from ..errors import PickupErrorCode

PickupErrorCodeEnum = graphene.Enum.from_enum(PickupErrorCode)
PICKUP_ERROR_CODES = {code.value for code in PickupErrorCode}


class PickupError(Error):
    code = PickupErrorCodeEnum(description="The error code.", required=True)


def pickup_errors(validation_error):
    return typed_errors(
        validation_error, codes=PICKUP_ERROR_CODES, fallback=PickupErrorCode.INVALID.value
    )


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
