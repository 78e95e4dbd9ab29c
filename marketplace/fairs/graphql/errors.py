import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types.common import Error

from marketplace.core.graphql.errors import typed_errors

from ..errors import FairErrorCode

FairErrorCodeEnum = graphene.Enum.from_enum(FairErrorCode)
FAIR_ERROR_CODES = {code.value for code in FairErrorCode}


class FairError(Error):
    code = FairErrorCodeEnum(description="The error code.", required=True)


def fair_errors(validation_error):
    return typed_errors(
        validation_error, codes=FAIR_ERROR_CODES, fallback=FairErrorCode.INVALID.value
    )


class FairMutation(BaseMutation):
    """Base of the fairs mutations: fairErrors{field message code} with FairErrorCode codes."""

    class Meta:
        abstract = True

    @classmethod
    def handle_errors(cls, error, **extra):
        return cls.handle_typed_errors(fair_errors(error), **extra)

    @classmethod
    def node_or_error(cls, global_id, model, type_name, *, field="id", queryset=None):
        """The row a global ID names, or a NOT_FOUND error on ``field``."""
        try:
            found_type, pk = graphene.Node.from_global_id(global_id)
            row = None
            if found_type == type_name:
                row = (
                    (queryset if queryset is not None else model.objects)
                    .filter(pk=int(pk))
                    .first()
                )
        except (TypeError, ValueError, UnicodeDecodeError):
            row = None
        if row is None:
            raise ValidationError(
                {
                    field: ValidationError(
                        _("Nothing matches this ID: %(id)s.") % {"id": global_id},
                        code=FairErrorCode.NOT_FOUND.value,
                    )
                }
            )
        return row

    @classmethod
    def product_pks(cls, global_ids, *, field):
        pks = []
        for global_id in global_ids or []:
            try:
                found_type, pk = graphene.Node.from_global_id(global_id)
                if found_type != "Product":
                    raise ValueError
                pks.append(int(pk))
            except (TypeError, ValueError, UnicodeDecodeError):
                raise ValidationError(
                    {
                        field: ValidationError(
                            _("Nothing matches this ID: %(id)s.") % {"id": global_id},
                            code=FairErrorCode.NOT_FOUND.value,
                        )
                    }
                )
        return pks
