"""The staff reconciliation report: per day and gateway, and orders that disagree.

Payments are Saleor's own rows; a cash-on-delivery payment is made the way
the cash gateway's contract says (gateway "marketplace.payments.cash_on_delivery",
NOT_CHARGED until cash is recorded, a CAPTURE transaction per cooperative).
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
import pytz
from django.utils import timezone
from saleor.order import OrderStatus
from saleor.order.actions import mark_order_as_paid
from saleor.order.models import Fulfillment
from saleor.payment import ChargeStatus, TransactionKind
from saleor.payment.models import Payment, Transaction

from marketplace.cooperatives.models import LedgerEntry
from marketplace.payments.reconciliation import COD_GATEWAY
from tests.cooperatives.orders_helpers import ACTORS, place_order, product_of

from .ledger_helpers import buy, order_manager, refund

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("with_plugin")]

PAGE = "/backoffice/payments/reconciliation/"
CSV_URL = "/backoffice/payments/reconciliation/csv/"
DUMMY = "mirumee.payments.dummy"
CASABLANCA = pytz.timezone("Africa/Casablanca")

REPORT = """query($from: Date!, $to: Date!) {
  paymentsReconciliation(dateFrom: $from, dateTo: $to) {
    days { day gateway captured refunded cashOutstanding cashOrders }
    disagreements { orderId reason payments ledger }
    errors { field message }
  } }"""


def today():
    return timezone.localtime(timezone.now(), CASABLANCA).date()


def period(days_back=0):
    return {
        "date_from": (today() - datetime.timedelta(days=days_back)).isoformat(),
        "date_to": today().isoformat(),
    }


def rows(response):
    reader = csv.reader(io.StringIO(response.content.decode()))
    return list(reader)


def cash_on_delivery_order(product, *, delivered=True):
    """An order placed unpaid for cash on delivery and, if ``delivered``, fulfilled in full."""
    order = place_order([(product, 1)])
    Payment.objects.create(
        order=order,
        gateway=COD_GATEWAY,
        total=order.total_gross_amount,
        currency="MAD",
        charge_status=ChargeStatus.NOT_CHARGED,
        billing_email=order.user_email,
    )
    if delivered:
        Fulfillment.objects.create(order=order)
        order.status = OrderStatus.FULFILLED
        order.save(update_fields=["status"])
    return order


def test_report_shows_captured_and_refunded_per_gateway_and_no_disagreement(
    client, graphql, user_token, reviewer, oil, thyme_honey
):
    # given a card order of 280.00, 51.00 of it refunded through orderRefund
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)])
    assert refund(graphql, user_token(order_manager()), order, "51.00") == []
    client.force_login(reviewer)
    # when
    response = client.get(PAGE, period())
    # then
    assert response.status_code == 200
    row = response.context["page"].object_list[0]
    assert (row.day, row.gateway, row.captured, row.refunded) == (
        today(),
        DUMMY,
        Decimal("280.00"),
        Decimal("51.00"),
    )
    assert response.context["report"].disagreements == []
    assert b'data-disagreements="0"' in response.content


def test_cash_delivered_but_not_recorded_is_outstanding_until_captured(client, reviewer, oil):
    # given two COD orders of 100.00: one delivered, one still on its way
    delivered = cash_on_delivery_order(oil)
    cash_on_delivery_order(oil, delivered=False)
    client.force_login(reviewer)
    # when
    first = client.get(PAGE, period())
    # then only the delivered one is outstanding
    (row,) = [row for row in first.context["report"].rows if row.gateway == COD_GATEWAY]
    assert (row.cash_outstanding, row.cash_orders) == (Decimal("100.00"), 1)

    # when its cash is recorded (a CAPTURE transaction, the payment fully charged)
    payment = delivered.payments.get()
    Transaction.objects.create(
        payment=payment,
        kind=TransactionKind.CAPTURE,
        is_success=True,
        amount=Decimal("100.00"),
        currency="MAD",
        gateway_response={},
    )
    payment.captured_amount = Decimal("100.00")
    payment.charge_status = ChargeStatus.FULLY_CHARGED
    payment.save()
    second = client.get(PAGE, period())
    # then it is captured, no longer outstanding
    (row,) = [row for row in second.context["report"].rows if row.gateway == COD_GATEWAY]
    assert (row.captured, row.cash_outstanding, row.cash_orders) == (
        Decimal("100.00"),
        Decimal("0.00"),
        0,
    )


def test_days_are_casablanca_days(client, graphql, reviewer, oil):
    # given a capture at 23:30 UTC, which is already the next day in Casablanca
    order = buy(graphql, [(oil, 1)])
    late = datetime.datetime(2026, 11, 10, 23, 30, tzinfo=pytz.utc)
    Transaction.objects.filter(payment__order=order).update(created=late)
    client.force_login(reviewer)
    # when
    response = client.get(PAGE, {"date_from": "2026-11-10", "date_to": "2026-11-11"})
    # then
    assert [(row.day, row.captured) for row in response.context["report"].rows] == [
        (datetime.date(2026, 11, 11), Decimal("130.00"))
    ]


def test_an_order_whose_ledger_disagrees_with_its_payments_is_listed(
    client, graphql, reviewer, olive, oil, thyme_honey
):
    # given a paid order whose ledger someone altered, and one whose sale is missing
    altered = buy(graphql, [(oil, 2), (thyme_honey, 1)])
    LedgerEntry.objects.filter(order=altered, cooperative=olive).update(net=Decimal("1.00"))
    missing = buy(graphql, [(oil, 1)], email="other@example.ma")
    LedgerEntry.objects.filter(order=missing).delete()
    client.force_login(reviewer)
    # when
    response = client.get(PAGE, period())
    # then
    listed = {(item.order_id, item.reason) for item in response.context["report"].disagreements}
    assert listed == {(altered.pk, "amounts_differ"), (missing.pk, "sale_missing")}
    assert f'data-order="{altered.pk}"'.encode() in response.content


def test_csv_export_has_a_row_per_day_and_gateway(client, graphql, reviewer, oil):
    # given
    buy(graphql, [(oil, 1)])
    client.force_login(reviewer)
    # when
    response = client.get(CSV_URL, period())
    # then
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert rows(response) == [
        ["day", "gateway", "captured_mad", "refunded_mad", "cash_outstanding_mad", "cash_orders"],
        [today().isoformat(), DUMMY, "130.00", "0.00", "0.00", "0"],
    ]


def test_a_backwards_period_is_refused_with_a_clear_error(client, reviewer):
    # given
    client.force_login(reviewer)
    # when
    response = client.get(PAGE, {"date_from": "2026-11-12", "date_to": "2026-11-10"})
    # then
    assert response.status_code == 400
    assert response.context["report"] is None
    assert "date_to" in response.context["form"].errors


def test_graphql_report_for_staff_with_permission(graphql, user_token, reviewer, oil):
    # given
    buy(graphql, [(oil, 1)])
    # when
    body = graphql(
        REPORT,
        {"from": today().isoformat(), "to": today().isoformat()},
        token=user_token(reviewer),
    )
    # then
    report = body["data"]["paymentsReconciliation"]
    assert report["errors"] == []
    assert report["days"] == [
        {
            "day": today().isoformat(),
            "gateway": DUMMY,
            "captured": 130.0,
            "refunded": 0.0,
            "cashOutstanding": 0.0,
            "cashOrders": 0,
        }
    ]
    assert report["disagreements"] == []


@pytest.mark.parametrize("actor", ACTORS)
def test_reconciliation_permission_matrix(client, graphql, user_token, actors, actor, oil):
    # given an order paid today
    buy(graphql, [(oil, 1)])
    user = actors[actor]
    if user is not None:
        client.force_login(user)
    # when
    page = client.get(PAGE, period())
    export = client.get(CSV_URL, period())
    body = graphql(
        REPORT, {"from": today().isoformat(), "to": today().isoformat()}, token=user_token(user)
    )
    # then only staff with the permission see it
    if actor == "reviewer":
        assert (page.status_code, export.status_code) == (200, 200)
        assert body["data"]["paymentsReconciliation"]["days"]
    elif actor == "anonymous":
        assert (page.status_code, export.status_code) == (302, 302)
        assert body["data"]["paymentsReconciliation"] is None
        assert body["errors"]
    else:
        assert (page.status_code, export.status_code) == (403, 403)
        assert body["data"]["paymentsReconciliation"] is None
        assert body["errors"]
        assert b"130.00" not in export.content


# 18 since the disagreements read the orders' facts through the ledger's own
# batch (cooperatives.selectors.orders.order_facts_for), which also reads the
# default commission rate: one query more, whatever the number of rows.
LIMIT = 18


@pytest.mark.parametrize("count", [3, 30])
def test_report_holds_its_query_count_from_3_to_30_rows(
    client, graphql, user_token, reviewer, olive, count, django_assert_max_num_queries
):
    # given ``count`` orders marked as paid, one per day, each with its ledger
    oil = product_of(olive, price="100.00", quantity=100)
    for index in range(count):
        order = place_order([(oil, 1)], email=f"shopper{index}@example.ma")
        mark_order_as_paid(order, reviewer)
        when = timezone.now() - datetime.timedelta(days=index)
        Payment.objects.filter(order=order).update(created=when, modified=when)
        LedgerEntry.objects.filter(order=order).update(created_at=when)
    client.force_login(reviewer)
    token = user_token(reviewer)
    query = period(days_back=count)
    # when
    with django_assert_max_num_queries(LIMIT):
        page = client.get(PAGE, query)
    with django_assert_max_num_queries(LIMIT):
        export = client.get(CSV_URL, query)
    with django_assert_max_num_queries(LIMIT):
        body = graphql(REPORT, {"from": query["date_from"], "to": query["date_to"]}, token=token)
    # then
    assert len(page.context["report"].rows) == count
    assert page.context["report"].disagreements == []
    assert len(rows(export)) == count + 1
    assert len(body["data"]["paymentsReconciliation"]["days"]) == count
    for row in page.context["report"].rows:
        assert row.captured == Decimal("100.00")


@pytest.mark.parametrize(
    ("prefix", "heading"),
    [
        ("", "Rapprochement des paiements"),
        ("/ar", "مطابقة المدفوعات"),
        ("/en", "Payments reconciliation"),
    ],
)
def test_report_page_speaks_the_three_languages(client, reviewer, prefix, heading):
    # given
    client.force_login(reviewer)
    # when
    response = client.get(prefix + PAGE)
    # then the last 30 days are shown by default, in the page's language
    assert response.status_code == 200
    page = response.content.decode()
    assert heading in page
    assert ('dir="rtl"' in page) == (prefix == "/ar")
    assert 'class="table-scroll"' in page or "data-disagreements" in page
