"""Staff permissions for cooperatives, declared the way Saleor declares its own."""

from saleor.core.permissions import BasePermissionEnum


class CooperativePermissions(BasePermissionEnum):
    MANAGE_COOPERATIVES = "cooperatives.manage_cooperatives"
