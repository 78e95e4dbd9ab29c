import csv
import io
import threading
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from saleor.order.actions import cancel_order, mark_order_as_paid

from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.models import LedgerEntry, PayoutBatch, PayoutBatchStatus
from marketplace.cooperatives.selectors.orders import payout_batch_csv
from marketplace.cooperatives.services.ledger import (
    payout_batch_close,
    payout_batch_mark_paid,
)

from .orders_helpers import (  # noqa: F401
    ACTORS,
    ledger_snapshot,
    place_order,
    product_of,
    seller,
    with_plugin,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("with_plugin")]


@pytest.fixture
def olive(owner):
    return seller(owner=owner, name_fr="Coopérative Zitoun")


@pytest.fixture
def honey(other_member):
    return seller(owner=other_member, name_fr="Coopérative Assal")


def paid_order(items, by):
    order = place_order(items)
    mark_order_as_paid(order, by)
    return order


@pytest.fixture
def sales(olive, honey, reviewer):
    # olive: 200.00 + 50.00 → net 180.00 + 45.00; honey: 100.00 → net 90.00
    paid_order([(product_of(olive, price="100.00"), 2)], reviewer)
    paid_order(
        [(product_of(olive, price="50.00"), 1), (product_of(honey, price="100.00"), 1)],
        reviewer,
    )


def rows(batch):
    return list(csv.DictReader(io.StringIO(payout_batch_csv(batch))))


def test_close_batches_every_unbatched_entry_and_exports_csv(sales, olive, honey, reviewer):
    # when
    batch = payout_batch_close(user=reviewer)
    # then
    assert batch.reference.startswith("PAY-") and batch.reference.endswith("-001")
    assert batch.status == PayoutBatchStatus.CLOSED
    assert LedgerEntry.objects.filter(payout_batch__isnull=True).count() == 0
    assert LedgerEntry.objects.filter(payout_batch=batch).count() == 3
    assert rows(batch) == [
        {
            "cooperative": "Coopérative Assal",
            "ice": honey.ice,
            "bank": "Banque Populaire",
            "rib": honey.rib,
            "amount_mad": "90.00",
            "entries": "1",
        },
        {
            "cooperative": "Coopérative Zitoun",
            "ice": olive.ice,
            "bank": "Banque Populaire",
            "rib": olive.rib,
            "amount_mad": "225.00",
            "entries": "2",
        },
    ]


def test_entries_are_batched_once(sales, olive, reviewer):
    # given
    first = payout_batch_close(user=reviewer)
    paid_order([(product_of(olive, price="10.00"), 1)], reviewer)
    # when
    second = payout_batch_close(user=reviewer)
    # then
    assert second.reference.endswith("-002")
    assert LedgerEntry.objects.filter(payout_batch=first).count() == 3
    assert [row["amount_mad"] for row in rows(second)] == ["9.00"]


def test_nothing_to_pay_creates_no_batch(reviewer):
    # when
    with pytest.raises(ValidationError) as error:
        payout_batch_close(user=reviewer)
    # then
    assert error.value.error_dict["__all__"][0].code == CooperativeErrorCode.NOTHING_TO_PAY
    assert not PayoutBatch.objects.exists()


def test_cooperative_with_no_positive_balance_stays_out(olive, honey, reviewer):
    # given honey's only order is sold, batched, then cancelled → a lone reversal
    honey_order = paid_order([(product_of(honey, price="100.00"), 1)], reviewer)
    payout_batch_close(user=reviewer)
    cancel_order(honey_order, reviewer)
    paid_order([(product_of(olive, price="100.00"), 1)], reviewer)
    # when
    batch = payout_batch_close(user=reviewer)
    # then
    assert [row["cooperative"] for row in rows(batch)] == ["Coopérative Zitoun"]
    reversal = LedgerEntry.objects.get(cooperative=honey, kind="reversal")
    assert reversal.payout_batch is None


def test_sale_and_its_reversal_before_a_close_net_to_nothing(olive, reviewer):
    # given
    order = paid_order([(product_of(olive, price="100.00"), 1)], reviewer)
    cancel_order(order, reviewer)
    # when
    with pytest.raises(ValidationError):
        payout_batch_close(user=reviewer)
    # then
    assert LedgerEntry.objects.filter(payout_batch__isnull=True).count() == 2


def test_csv_neutralises_spreadsheet_formulas(reviewer):
    # given
    cooperative = seller(name_fr='=HYPERLINK("http://evil")')
    paid_order([(product_of(cooperative), 1)], reviewer)
    # when
    batch = payout_batch_close(user=reviewer)
    # then
    assert rows(batch)[0]["cooperative"].startswith("'=")


def test_mark_paid_records_who_and_tells_the_cooperatives(
    sales, reviewer, django_capture_on_commit_callbacks
):
    # given
    batch = payout_batch_close(user=reviewer)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        payout_batch_mark_paid(batch=batch, user=reviewer)
    # then
    batch.refresh_from_db()
    assert batch.status == PayoutBatchStatus.PAID
    assert batch.paid_by == reviewer and batch.paid_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == [
        "other-member@example.com",
        "owner@example.com",
    ]


def test_mark_paid_twice_is_refused(sales, reviewer):
    # given
    batch = payout_batch_close(user=reviewer)
    payout_batch_mark_paid(batch=batch, user=reviewer)
    before = ledger_snapshot()
    # when
    with pytest.raises(ValidationError) as error:
        payout_batch_mark_paid(batch=batch, user=reviewer)
    # then
    assert error.value.error_dict["status"][0].code == CooperativeErrorCode.INVALID_TRANSITION
    assert ledger_snapshot() == before


@pytest.mark.parametrize("actor", ACTORS)
def test_close_permission_matrix(actors, actor, sales):
    # given
    user = actors[actor]
    before = ledger_snapshot()
    # when / then
    if actor == "reviewer":
        payout_batch_close(user=user)
        assert PayoutBatch.objects.count() == 1
    else:
        with pytest.raises(PermissionDenied):
            payout_batch_close(user=user)
        assert ledger_snapshot() == before


@pytest.mark.parametrize("actor", ACTORS)
def test_mark_paid_permission_matrix(actors, actor, sales, reviewer):
    # given
    batch = payout_batch_close(user=reviewer)
    user = actors[actor]
    before = ledger_snapshot()
    # when / then
    if actor == "reviewer":
        payout_batch_mark_paid(batch=batch, user=user)
        batch.refresh_from_db()
        assert batch.status == PayoutBatchStatus.PAID
    else:
        with pytest.raises(PermissionDenied):
            payout_batch_mark_paid(batch=batch, user=user)
        assert ledger_snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_closes_put_each_entry_in_exactly_one_batch(sales, reviewer):
    # given
    barrier = threading.Barrier(2)
    outcomes = []

    def close():
        try:
            barrier.wait()
            outcomes.append(payout_batch_close(user=reviewer).reference)
        except ValidationError as error:
            outcomes.append(error.error_dict["__all__"][0].code)
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=close) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert sorted(outcomes, key=str)[-1] == CooperativeErrorCode.NOTHING_TO_PAY.value
    assert PayoutBatch.objects.count() == 1
    assert LedgerEntry.objects.filter(payout_batch__isnull=True).count() == 0
    assert LedgerEntry.objects.values("payout_batch").distinct().count() == 1
    assert sum(Decimal(row["amount_mad"]) for row in rows(PayoutBatch.objects.get())) == Decimal(
        "315.00"
    )
