"""Orders, ledger and payouts, under /backoffice/cooperatives/ (``backoffice`` namespace)."""

from django.urls import path

from . import orders

urlpatterns = [
    path("<slug:slug>/orders/", orders.cooperative_orders, name="cooperative-orders"),
    path(
        "<slug:slug>/orders/<int:order_pk>/",
        orders.cooperative_order_detail,
        name="cooperative-order-detail",
    ),
    path("<slug:slug>/ledger/", orders.cooperative_ledger, name="cooperative-ledger"),
    path(
        "<slug:slug>/ledger/commission/",
        orders.cooperative_commission,
        name="cooperative-commission",
    ),
    path("payouts/", orders.payouts, name="payouts"),
    path("payouts/commission/", orders.commission_policy, name="payouts-commission-policy"),
    path("payouts/close/", orders.payout_close, name="payouts-close"),
    path("payouts/<str:reference>/", orders.payout_detail, name="payout-batch-detail"),
    path("payouts/<str:reference>/csv/", orders.payout_csv, name="payout-batch-csv"),
    path(
        "payouts/<str:reference>/paid/", orders.payout_mark_paid, name="payout-batch-mark-paid"
    ),
]
