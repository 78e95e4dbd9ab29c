"""A domain's ValidationError as Saleor's typed mutation errors: ``errors{field message code}``."""

from django.core.exceptions import NON_FIELD_ERRORS
from saleor.graphql.core.types.common import Error
from saleor.graphql.core.utils import snake_to_camel_case


def typed_errors(validation_error, *, codes, fallback):
    """[(Error(field, message), code, params)] for ``handle_typed_errors``.

    A code outside the domain's enum (``codes``) reaches the client as ``fallback``.
    """
    errors_by_field = getattr(validation_error, "error_dict", None) or {
        NON_FIELD_ERRORS: validation_error.error_list
    }
    typed = []
    for field, field_errors in errors_by_field.items():
        for error in field_errors:
            code = getattr(error.code, "value", error.code)
            typed.append(
                (
                    Error(
                        field=None if field == NON_FIELD_ERRORS else snake_to_camel_case(field),
                        message=error.messages[0],
                    ),
                    code if code in codes else fallback,
                    None,
                )
            )
    return typed
