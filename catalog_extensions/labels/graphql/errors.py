import graphene
from django.core.exceptions import NON_FIELD_ERRORS
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types.common import Error
from saleor.graphql.core.utils import snake_to_camel_case

from ..errors import LabelErrorCode

LabelErrorCodeEnum = graphene.Enum.from_enum(LabelErrorCode)
LABEL_ERROR_CODES = {code.value for code in LabelErrorCode}


class LabelError(Error):
    code = LabelErrorCodeEnum(description="The error code.", required=True)


def _code(error):
    code = getattr(error.code, "value", error.code)
    return code if code in LABEL_ERROR_CODES else LabelErrorCode.INVALID.value


def label_errors(validation_error):
    errors_by_field = getattr(validation_error, "error_dict", None) or {
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
        for field, field_errors in errors_by_field.items()
        for error in field_errors
    ]


class LabelMutation(BaseMutation):
    """Base of the labels mutations: labelErrors{field message code} with LabelErrorCode codes."""

    class Meta:
        abstract = True

    @classmethod
    def handle_errors(cls, error, **extra):
        return cls.handle_typed_errors(label_errors(error), **extra)
