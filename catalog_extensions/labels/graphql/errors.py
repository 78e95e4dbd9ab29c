import graphene
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types.common import Error

from marketplace.core.graphql.errors import typed_errors

from ..errors import LabelErrorCode

LabelErrorCodeEnum = graphene.Enum.from_enum(LabelErrorCode)
LABEL_ERROR_CODES = {code.value for code in LabelErrorCode}


class LabelError(Error):
    code = LabelErrorCodeEnum(description="The error code.", required=True)


def label_errors(validation_error):
    return typed_errors(
        validation_error, codes=LABEL_ERROR_CODES, fallback=LabelErrorCode.INVALID.value
    )


class LabelMutation(BaseMutation):
    """Base of the labels mutations: labelErrors{field message code} with LabelErrorCode codes."""

    class Meta:
        abstract = True

    @classmethod
    def handle_errors(cls, error, **extra):
        return cls.handle_typed_errors(label_errors(error), **extra)
