from enum import Enum


class PickupErrorCode(str, Enum):
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    INVALID = "invalid"
    PICKUP_NOT_OFFERED = "pickup_not_offered"
    CUTOFF_PASSED = "cutoff_passed"
    ITEMS_NOT_AVAILABLE = "items_not_available"
    SHIPPING_NOT_REQUIRED = "shipping_not_required"
    INVALID_TRANSITION = "invalid_transition"
    REFUND_FAILED = "refund_failed"
