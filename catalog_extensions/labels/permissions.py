"""Staff permission for the label registry and certification review, declared as Saleor's are."""

from saleor.core.permissions import BasePermissionEnum


class LabelPermissions(BasePermissionEnum):
    MANAGE_LABELS = "labels.manage_labels"
