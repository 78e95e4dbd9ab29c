from enum import Enum


class CooperativeErrorCode(str, Enum):
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    INVALID_ICE = "invalid_ice"
    INVALID_RIB = "invalid_rib"
    INVALID_PHONE = "invalid_phone"
    DUPLICATE_ICE = "duplicate_ice"
    DUPLICATE_REGISTER_NUMBER = "duplicate_register_number"
    INVALID_TRANSITION = "invalid_transition"
    INCOMPLETE_APPLICATION = "incomplete_application"
    INVALID_FILE_TYPE = "invalid_file_type"
    FILE_TOO_LARGE = "file_too_large"
    LAST_OWNER = "last_owner"
    ALREADY_MEMBER = "already_member"
    INVALID_INVITATION = "invalid_invitation"
    NOT_APPROVED = "not_approved"
    PRODUCT_NOT_OWNED = "product_not_owned"
    INSUFFICIENT_STOCK = "insufficient_stock"
    INVALID_IMPORT_FILE = "invalid_import_file"
    NO_WAREHOUSE = "no_warehouse"
    DUPLICATE_SKU = "duplicate_sku"
    PRODUCT_HAS_OPEN_ORDERS = "product_has_open_orders"
    INVALID_QUANTITY = "invalid_quantity"
    NOTHING_TO_PAY = "nothing_to_pay"
    NOT_CASH_ON_DELIVERY = "not_cash_on_delivery"
    NOT_SHIPPED = "not_shipped"
    WRONG_AMOUNT = "wrong_amount"
    PICKUP_ORDER = "pickup_order"


class InvalidTransition(Exception):
    """A status change the cooperative state machine does not allow."""
