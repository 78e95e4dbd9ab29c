from enum import Enum


class LabelErrorCode(str, Enum):
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    DUPLICATE_SLUG = "duplicate_slug"
    INVALID_TRANSITION = "invalid_transition"
    PRODUCT_NOT_OWNED = "product_not_owned"
    OUTSIDE_PROTECTED_AREA = "outside_protected_area"
    CERTIFYING_BODY_NOT_ALLOWED = "certifying_body_not_allowed"
    CERTIFICATE_REQUIRED = "certificate_required"
    INVALID_VALIDITY = "invalid_validity"
    ALREADY_CLAIMED = "already_claimed"
    OWN_CLAIM = "own_claim"
    INVALID_FILE_TYPE = "invalid_file_type"
    FILE_TOO_LARGE = "file_too_large"
    INVALID_ONSSA_NUMBER = "invalid_onssa_number"
    INVALID_LOT_NUMBER = "invalid_lot_number"
    BEST_BEFORE_PASSED = "best_before_passed"
    UNKNOWN_STICKER_FORMAT = "unknown_sticker_format"
    INVALID_COPIES = "invalid_copies"


class InvalidTransition(Exception):
    """A status change the certification state machine does not allow."""
