"""The reconciliation report over GraphQL, for council staff."""

import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core.scalars import Decimal
from saleor.graphql.core.types.common import Error
from saleor.graphql.decorators import permission_required

from marketplace.cooperatives.permissions import CooperativePermissions

from ..reconciliation import reconciliation_report
from ..reports.forms import PeriodForm


class ReconciliationDay(graphene.ObjectType):
    day = graphene.Date(required=True, description="The day, in Africa/Casablanca.")
    gateway = graphene.String(required=True, description="The payment gateway's id.")
    captured = Decimal(required=True, description="Money captured that day (MAD).")
    refunded = Decimal(required=True, description="Money refunded that day (MAD).")
    cash_outstanding = Decimal(
        required=True,
        description="Cash on delivery delivered that day, not yet recorded as received (MAD).",
    )
    cash_orders = graphene.Int(required=True, description="Orders with cash outstanding.")


class LedgerDisagreement(graphene.ObjectType):
    order_id = graphene.Int(required=True)
    reason = graphene.String(required=True, description='"sale_missing" or "amounts_differ".')
    payments = Decimal(required=True, description="Captured minus refunded (MAD).")
    ledger = Decimal(required=True, description="What the ledger accounts for (MAD).")


class PaymentsReconciliation(graphene.ObjectType):
    date_from = graphene.Date()
    date_to = graphene.Date()
    days = graphene.List(graphene.NonNull(ReconciliationDay), required=True)
    disagreements = graphene.List(graphene.NonNull(LedgerDisagreement), required=True)
    errors = graphene.List(graphene.NonNull(Error), required=True)


class PaymentsQueries(graphene.ObjectType):
    payments_reconciliation = graphene.Field(
        PaymentsReconciliation,
        date_from=graphene.Argument(graphene.Date, required=True),
        date_to=graphene.Argument(graphene.Date, required=True),
        description=(
            "Per day and gateway: captured, refunded, cash outstanding; and orders whose "
            "payments and ledger disagree (council staff only; at most 366 days)."
        ),
    )

    @permission_required(CooperativePermissions.MANAGE_COOPERATIVES)
    def resolve_payments_reconciliation(self, info, date_from, date_to):
        form = PeriodForm({"date_from": date_from, "date_to": date_to})
        if not form.is_valid():
            error = ValidationError(form.errors.as_data())
            return PaymentsReconciliation(
                days=[],
                disagreements=[],
                errors=[
                    Error(field=field, message=str(messages[0].message))
                    for field, messages in error.error_dict.items()
                ],
            )
        report = reconciliation_report(**form.cleaned_data)
        return PaymentsReconciliation(
            date_from=report.date_from,
            date_to=report.date_to,
            days=[ReconciliationDay(**row.__dict__) for row in report.rows],
            disagreements=[
                LedgerDisagreement(
                    order_id=item.order_id,
                    reason=item.reason,
                    payments=item.payments,
                    ledger=item.ledger,
                )
                for item in report.disagreements
            ],
            errors=[],
        )
