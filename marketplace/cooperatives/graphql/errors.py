import graphene
from saleor.graphql.core.types.common import Error

from ..errors import CooperativeErrorCode

CooperativeErrorCodeEnum = graphene.Enum.from_enum(CooperativeErrorCode)


class CooperativeError(Error):
    code = CooperativeErrorCodeEnum(description="The error code.", required=True)


ERROR_META = {"error_type_class": CooperativeError, "error_type_field": "cooperative_errors"}
