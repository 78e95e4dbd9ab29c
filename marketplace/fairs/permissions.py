"""Staff permission for fairs, declared the way Saleor declares its own."""

from saleor.core.permissions import BasePermissionEnum


class FairPermissions(BasePermissionEnum):
    MANAGE_FAIRS = "fairs.manage_fairs"
