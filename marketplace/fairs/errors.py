from enum import Enum


class FairErrorCode(str, Enum):
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    DUPLICATE_SLUG = "duplicate_slug"
    INVALID_TRANSITION = "invalid_transition"
    INVALID_DATES = "invalid_dates"
    INVALID_COORDINATES = "invalid_coordinates"
    NOT_APPROVED = "not_approved"
    DEADLINE_PASSED = "deadline_passed"
    PRODUCT_NOT_OWNED = "product_not_owned"
    ALREADY_APPLIED = "already_applied"
    CAPACITY_REACHED = "capacity_reached"
    OVERLAPPING_STOP = "overlapping_stop"
    STOP_NOT_OPEN = "stop_not_open"
    FAIR_NOT_PUBLISHED = "fair_not_published"
    NO_COLLECTION = "no_collection"
    PRODUCT_NOT_EXHIBITED = "product_not_exhibited"


class InvalidTransition(Exception):
    """A status change a fair, stop or application does not allow."""
