import threading
import time

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from saleor.warehouse.models import Warehouse

from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.models import CooperativeStatus, CooperativeTransition, DocumentKind
from marketplace.cooperatives.selectors.review import review_checks, review_queue
from marketplace.cooperatives.services import review as review_services
from marketplace.cooperatives.services.review import (
    ReviewDecision,
    cooperative_reinstate,
    cooperative_review,
    cooperative_suspend,
)
from tests.fixtures.cooperatives import make_cooperative, make_user, valid_rib

from .review_helpers import add_documents, make_shipping_zones, make_submitted, snapshot

pytestmark = pytest.mark.django_db


def error_codes(excinfo):
    return {
        field: [error.code for error in errors]
        for field, errors in excinfo.value.error_dict.items()
    }


@pytest.fixture
def submitted(owner):
    return make_submitted(owner=owner)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the callbacks scheduled inside the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_approve_records_transition_creates_warehouse_and_emails_owners(
    submitted, owner, reviewer, run_on_commit
):
    # given
    maroc, maghreb, _europe = make_shipping_zones()
    manager = make_user("manager@example.com")
    submitted.memberships.create(user=manager, role="manager")

    # when
    with run_on_commit():
        cooperative = cooperative_review(
            cooperative=submitted, reviewer=reviewer, decision=ReviewDecision.APPROVE
        )

    # then
    cooperative.refresh_from_db()
    assert cooperative.status == CooperativeStatus.APPROVED
    assert cooperative.approved_at is not None
    transition = CooperativeTransition.objects.get(cooperative=cooperative)
    assert (transition.from_status, transition.to_status) == ("submitted", "approved")
    assert transition.actor == reviewer
    warehouse = Warehouse.objects.get()
    assert cooperative.warehouse == warehouse
    assert warehouse.address.company_name == cooperative.name_fr
    assert warehouse.address.city == cooperative.commune
    assert warehouse.address.country.code == "MA"
    assert str(warehouse.address.phone) == str(cooperative.phone)
    assert set(warehouse.shipping_zones.all()) == {maroc, maghreb}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert cooperative.name_fr in mail.outbox[0].body


def test_approving_an_approved_cooperative_is_an_invalid_transition_and_keeps_one_warehouse(
    submitted, reviewer, run_on_commit
):
    # given
    cooperative_review(cooperative=submitted, reviewer=reviewer, decision=ReviewDecision.APPROVE)
    before = snapshot(submitted)
    mail.outbox.clear()

    # when
    with run_on_commit(), pytest.raises(ValidationError) as excinfo:
        cooperative_review(
            cooperative=submitted, reviewer=reviewer, decision=ReviewDecision.APPROVE
        )

    # then
    assert error_codes(excinfo) == {"status": [CooperativeErrorCode.INVALID_TRANSITION.value]}
    assert snapshot(submitted) == before
    assert before["warehouses"] == 1
    assert mail.outbox == []


def test_reject_records_reason_and_emails_it_to_owners(submitted, owner, reviewer, run_on_commit):
    # when
    with run_on_commit():
        cooperative_review(
            cooperative=submitted,
            reviewer=reviewer,
            decision=ReviewDecision.REJECT,
            reason="Activité hors du périmètre de l'ESS.",
        )

    # then
    submitted.refresh_from_db()
    assert submitted.status == CooperativeStatus.REJECTED
    transition = CooperativeTransition.objects.get(cooperative=submitted)
    assert (transition.from_status, transition.to_status) == ("submitted", "rejected")
    assert transition.actor == reviewer
    assert transition.reason == "Activité hors du périmètre de l'ESS."
    assert submitted.warehouse_id is None
    assert Warehouse.objects.count() == 0
    assert [message.to for message in mail.outbox] == [[owner.email]]
    assert "Activité hors du périmètre de l'ESS." in mail.outbox[0].body


@pytest.mark.parametrize("reason", ["", "   "])
def test_reject_without_reason_is_refused_and_changes_nothing(
    submitted, reviewer, run_on_commit, reason
):
    # given
    before = snapshot(submitted)

    # when
    with run_on_commit(), pytest.raises(ValidationError) as excinfo:
        cooperative_review(
            cooperative=submitted, reviewer=reviewer, decision=ReviewDecision.REJECT, reason=reason
        )

    # then
    assert error_codes(excinfo) == {"reason": [CooperativeErrorCode.REQUIRED.value]}
    assert snapshot(submitted) == before
    assert mail.outbox == []


def test_request_changes_records_field_and_document_comments_and_emails_them(
    submitted, owner, reviewer, run_on_commit
):
    # given
    comments = {
        "ice": "L'ICE ne correspond pas à l'attestation.",
        "document:statutes": "Illisible",
    }

    # when
    with run_on_commit():
        cooperative_review(
            cooperative=submitted,
            reviewer=reviewer,
            decision=ReviewDecision.REQUEST_CHANGES,
            field_comments=comments,
        )

    # then
    submitted.refresh_from_db()
    assert submitted.status == CooperativeStatus.CHANGES_REQUESTED
    transition = CooperativeTransition.objects.get(cooperative=submitted)
    assert (transition.from_status, transition.to_status) == ("submitted", "changes_requested")
    assert transition.actor == reviewer
    assert transition.reason == ""
    assert transition.field_comments == comments
    assert [message.to for message in mail.outbox] == [[owner.email]]
    assert "L'ICE ne correspond pas à l'attestation." in mail.outbox[0].body
    assert "Illisible" in mail.outbox[0].body


def test_request_changes_with_a_reason_only_is_accepted(submitted, reviewer):
    # when
    cooperative_review(
        cooperative=submitted,
        reviewer=reviewer,
        decision=ReviewDecision.REQUEST_CHANGES,
        reason="Merci de joindre les statuts signés.",
        field_comments={"ice": "  "},
    )

    # then
    transition = CooperativeTransition.objects.get(cooperative=submitted)
    assert transition.reason == "Merci de joindre les statuts signés."
    assert transition.field_comments == {}


@pytest.mark.parametrize(
    "field_comments,expected",
    [
        (None, {"reason": [CooperativeErrorCode.REQUIRED.value]}),
        ({"ice": "   "}, {"reason": [CooperativeErrorCode.REQUIRED.value]}),
        ({"status": "Approve me"}, {"field_comments": [CooperativeErrorCode.INVALID.value]}),
        ({"document:passport": "?"}, {"field_comments": [CooperativeErrorCode.INVALID.value]}),
        (["ice"], {"field_comments": [CooperativeErrorCode.INVALID.value]}),
        ({"ice": 12}, {"field_comments": [CooperativeErrorCode.INVALID.value]}),
    ],
)
def test_request_changes_needs_a_reason_or_known_field_comments(
    submitted, reviewer, run_on_commit, field_comments, expected
):
    # given
    before = snapshot(submitted)

    # when
    with run_on_commit(), pytest.raises(ValidationError) as excinfo:
        cooperative_review(
            cooperative=submitted,
            reviewer=reviewer,
            decision=ReviewDecision.REQUEST_CHANGES,
            field_comments=field_comments,
        )

    # then
    assert error_codes(excinfo) == expected
    assert snapshot(submitted) == before
    assert mail.outbox == []


def test_unknown_decision_is_refused(submitted, reviewer):
    # given
    before = snapshot(submitted)

    # when
    with pytest.raises(ValidationError) as excinfo:
        cooperative_review(cooperative=submitted, reviewer=reviewer, decision="publish")

    # then
    assert error_codes(excinfo) == {"decision": [CooperativeErrorCode.INVALID.value]}
    assert snapshot(submitted) == before


@pytest.mark.parametrize(
    "status",
    [
        CooperativeStatus.DRAFT,
        CooperativeStatus.CHANGES_REQUESTED,
        CooperativeStatus.REJECTED,
        CooperativeStatus.SUSPENDED,
    ],
)
def test_only_submitted_applications_can_be_decided(owner, reviewer, run_on_commit, status):
    # given
    cooperative = make_cooperative(owner=owner, status=status)
    before = snapshot(cooperative)

    # when
    with run_on_commit(), pytest.raises(ValidationError) as excinfo:
        cooperative_review(
            cooperative=cooperative, reviewer=reviewer, decision=ReviewDecision.APPROVE
        )

    # then
    assert error_codes(excinfo) == {"status": [CooperativeErrorCode.INVALID_TRANSITION.value]}
    assert snapshot(cooperative) == before
    assert mail.outbox == []


@pytest.mark.parametrize(
    "actor_name",
    ["anonymous", "customer", "other_cooperative_member", "member", "staff_without_permission"],
)
@pytest.mark.parametrize(
    "decide",
    [
        lambda c, u: cooperative_review(
            cooperative=c, reviewer=u, decision=ReviewDecision.APPROVE
        ),
        lambda c, u: cooperative_review(
            cooperative=c, reviewer=u, decision=ReviewDecision.REJECT, reason="Non"
        ),
        lambda c, u: cooperative_review(
            cooperative=c, reviewer=u, decision=ReviewDecision.REQUEST_CHANGES, reason="Non"
        ),
        lambda c, u: cooperative_suspend(cooperative=c, reviewer=u, reason="Non"),
        lambda c, u: cooperative_reinstate(cooperative=c, reviewer=u),
    ],
    ids=["approve", "reject", "request_changes", "suspend", "reinstate"],
)
def test_only_reviewers_can_decide(actors, owner, run_on_commit, actor_name, decide):
    # given: a cooperative in a status where the decision would be allowed
    cooperatives = {
        "submitted": make_submitted(owner=owner),
        "approved": make_cooperative(owner=owner, status=CooperativeStatus.APPROVED),
        "suspended": make_cooperative(owner=owner, status=CooperativeStatus.SUSPENDED),
    }
    before = {key: snapshot(cooperative) for key, cooperative in cooperatives.items()}

    # when / then
    for cooperative in cooperatives.values():
        with run_on_commit(), pytest.raises(PermissionDenied):
            decide(cooperative, actors[actor_name])
    assert {key: snapshot(cooperative) for key, cooperative in cooperatives.items()} == before
    assert mail.outbox == []


def test_suspend_then_reinstate_records_both_and_emails_owners(
    owner, reviewer, run_on_commit
):
    # given
    cooperative = make_submitted(owner=owner)
    cooperative_review(cooperative=cooperative, reviewer=reviewer, decision=ReviewDecision.APPROVE)
    warehouse_id = cooperative.warehouse_id

    # when
    with run_on_commit():
        cooperative_suspend(cooperative=cooperative, reviewer=reviewer, reason="Fraude au label")
        suspended_status = cooperative.status
        cooperative_reinstate(cooperative=cooperative, reviewer=reviewer, reason="Régularisé")

    # then
    assert suspended_status == CooperativeStatus.SUSPENDED
    cooperative.refresh_from_db()
    assert cooperative.status == CooperativeStatus.APPROVED
    steps = list(
        CooperativeTransition.objects.filter(cooperative=cooperative).values_list(
            "from_status", "to_status", "actor", "reason"
        )
    )
    assert steps == [
        ("submitted", "approved", reviewer.pk, ""),
        ("approved", "suspended", reviewer.pk, "Fraude au label"),
        ("suspended", "approved", reviewer.pk, "Régularisé"),
    ]
    assert cooperative.warehouse_id == warehouse_id
    assert Warehouse.objects.count() == 1
    assert [message.to for message in mail.outbox] == [[owner.email], [owner.email]]
    assert "Fraude au label" in mail.outbox[0].body
    assert "Régularisé" in mail.outbox[1].body


def test_suspend_without_reason_is_refused_and_changes_nothing(
    approved_cooperative, reviewer, run_on_commit
):
    # given
    before = snapshot(approved_cooperative)

    # when
    with run_on_commit(), pytest.raises(ValidationError) as excinfo:
        cooperative_suspend(cooperative=approved_cooperative, reviewer=reviewer, reason=" ")

    # then
    assert error_codes(excinfo) == {"reason": [CooperativeErrorCode.REQUIRED.value]}
    assert snapshot(approved_cooperative) == before
    assert mail.outbox == []


@pytest.mark.parametrize(
    "status", [CooperativeStatus.SUBMITTED, CooperativeStatus.DRAFT, CooperativeStatus.REJECTED]
)
def test_only_approved_cooperatives_can_be_suspended(owner, reviewer, run_on_commit, status):
    # given
    cooperative = make_cooperative(owner=owner, status=status)
    before = snapshot(cooperative)

    # when
    with run_on_commit(), pytest.raises(ValidationError) as excinfo:
        cooperative_suspend(cooperative=cooperative, reviewer=reviewer, reason="Non")

    # then
    assert error_codes(excinfo) == {"status": [CooperativeErrorCode.INVALID_TRANSITION.value]}
    assert snapshot(cooperative) == before
    assert mail.outbox == []


def test_only_suspended_cooperatives_can_be_reinstated(
    approved_cooperative, reviewer, run_on_commit
):
    # given
    before = snapshot(approved_cooperative)

    # when
    with run_on_commit(), pytest.raises(ValidationError) as excinfo:
        cooperative_reinstate(cooperative=approved_cooperative, reviewer=reviewer)

    # then
    assert error_codes(excinfo) == {"status": [CooperativeErrorCode.INVALID_TRANSITION.value]}
    assert snapshot(approved_cooperative) == before
    assert mail.outbox == []


def test_decision_email_is_in_french_and_arabic(submitted, reviewer, run_on_commit):
    # when
    with run_on_commit():
        cooperative_review(
            cooperative=submitted, reviewer=reviewer, decision=ReviewDecision.APPROVE
        )

    # then: each language names the cooperative in its own script
    body = mail.outbox[0].body
    assert submitted.name_fr in body
    assert submitted.name_ar in body
    assert " / " in mail.outbox[0].subject


def test_warehouse_slug_never_collides_with_an_existing_one(submitted, reviewer):
    # given
    from saleor.account.models import Address

    taken = Warehouse.objects.create(
        name="Taken",
        slug=f"cooperative-{submitted.slug}",
        address=Address.objects.create(country="MA"),
    )

    # when
    cooperative_review(cooperative=submitted, reviewer=reviewer, decision=ReviewDecision.APPROVE)

    # then
    submitted.refresh_from_db()
    assert submitted.warehouse_id not in (None, taken.pk)
    assert Warehouse.objects.count() == 2


# --- selectors ------------------------------------------------------------------------


def test_queue_lists_submitted_oldest_first_then_changes_requested(owner):
    # given
    newest = make_submitted(days_ago=1)
    oldest = make_submitted(days_ago=9)
    middle = make_submitted(days_ago=4)
    sent_back = make_cooperative(status=CooperativeStatus.CHANGES_REQUESTED)
    make_cooperative(status=CooperativeStatus.APPROVED)
    make_cooperative(status=CooperativeStatus.DRAFT)

    # when
    queue = list(review_queue())

    # then
    assert queue == [oldest, middle, newest, sent_back]


def test_queue_filters_by_status_and_province():
    # given
    in_taza = make_submitted(province="taza")
    make_submitted(province="ifrane")
    approved_in_taza = make_cooperative(status=CooperativeStatus.APPROVED, province="taza")

    # when / then
    assert list(review_queue(province="taza")) == [in_taza]
    assert list(review_queue(status="approved", province="taza")) == [approved_in_taza]
    assert list(review_queue(status="all", province="taza")) == [in_taza, approved_in_taza]


def checks_by_code(cooperative):
    return {check["code"]: check["passed"] for check in review_checks(cooperative)}


def test_checks_pass_for_a_complete_application(submitted):
    # when
    checks = checks_by_code(submitted)

    # then
    assert all(checks.values()), checks
    assert set(checks) == {
        "ice_valid", "rib_valid", "phone_valid", "register_number_present", "ice_unique",
        "register_number_unique", "document_statutes", "document_register_certificate",
        "document_ice_attestation", "document_bank_rib", "members_consistent",
    }


def test_checks_flag_a_register_number_typed_differently_from_an_existing_one():
    # given
    make_cooperative(status=CooperativeStatus.APPROVED, register_number="RC-4512")
    cooperative = make_submitted(register_number="rc 4512")

    # when
    checks = checks_by_code(cooperative)

    # then
    assert checks["register_number_unique"] is False
    assert checks["ice_unique"] is True


def test_checks_flag_an_ice_already_used_by_another_cooperative():
    # given: the database refuses two equal ICEs, so the duplicate arrives as an edit
    existing = make_cooperative(status=CooperativeStatus.APPROVED)
    cooperative = make_submitted()
    cooperative.ice = existing.ice

    # when
    checks = checks_by_code(cooperative)

    # then
    assert checks["ice_unique"] is False
    assert checks["register_number_unique"] is True


def test_checks_flag_an_invalid_rib_ice_phone_and_member_counts():
    # given
    rib = valid_rib()
    bad_rib = rib[:-2] + f"{(int(rib[-2:]) + 1) % 100:02d}"
    cooperative = make_submitted(
        rib=bad_rib, ice="123456789012345", phone="+33612345678",
        members_count=10, women_members=11, register_number="",
    )

    # when
    checks = checks_by_code(cooperative)

    # then
    failed = {code for code, passed in checks.items() if not passed}
    assert failed == {
        "rib_valid", "ice_valid", "phone_valid", "members_consistent", "register_number_present",
    }


def test_checks_flag_missing_and_superseded_documents(owner):
    # given
    cooperative = make_submitted(owner=owner, documents=False)
    add_documents(cooperative, [DocumentKind.STATUTES, DocumentKind.BANK_RIB])
    cooperative.documents.filter(kind=DocumentKind.BANK_RIB).update(superseded_at=timezone.now())

    # when
    checks = checks_by_code(cooperative)

    # then
    assert checks["document_statutes"] is True
    assert checks["document_bank_rib"] is False
    assert checks["document_register_certificate"] is False
    assert checks["document_ice_attestation"] is False


# --- two reviewers at once --------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_approving_at_once_produce_one_transition(monkeypatch):
    # given
    owner = make_user("owner@example.com")
    cooperative = make_submitted(owner=owner)
    reviewers = [
        make_user(f"reviewer{i}@example.com", is_staff=True,
                  permissions=["cooperatives.manage_cooperatives"])
        for i in range(2)
    ]
    # Holding the winner inside its transaction gives the loser every chance
    # to read "submitted" too, were the row not locked.
    ensure_warehouse = review_services.cooperative_warehouse_ensure

    def slow_ensure_warehouse(**kwargs):
        time.sleep(0.3)
        return ensure_warehouse(**kwargs)

    monkeypatch.setattr(review_services, "cooperative_warehouse_ensure", slow_ensure_warehouse)
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(reviewer):
        try:
            barrier.wait(timeout=10)
            cooperative_review(
                cooperative=type(cooperative).objects.get(pk=cooperative.pk),
                reviewer=reviewer,
                decision=ReviewDecision.APPROVE,
            )
            outcomes.append("approved")
        except ValidationError as error:
            outcomes.append([e.code for e in error.error_dict["status"]])
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(reviewer,)) for reviewer in reviewers]

    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then
    assert sorted(outcomes, key=str) == sorted(
        ["approved", [CooperativeErrorCode.INVALID_TRANSITION.value]], key=str
    )
    transitions = CooperativeTransition.objects.filter(cooperative=cooperative)
    assert list(transitions.values_list("to_status", flat=True)) == ["approved"]
    assert Warehouse.objects.count() == 1
    assert len(mail.outbox) == 1
