import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from saleor.warehouse.models import Warehouse

from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.models import (
    CooperativeStatus,
    CooperativeTransition,
    Membership,
    MembershipRole,
)
from marketplace.cooperatives.services.documents import document_from_token
from marketplace.cooperatives.services.review import ReviewDecision, cooperative_review
from tests.fixtures.cooperatives import make_cooperative, make_user, valid_rib

from .review_helpers import make_submitted, snapshot

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "customer",
    "other_cooperative_member",
    "member",
    "staff_without_permission",
    "reviewer",
]


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def submitted(owner):
    return make_submitted(owner=owner)


def log_in(client, user):
    # The first configured backend is Saleor's JWT one, which cannot restore a session.
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def assert_refused(response, actor_name):
    if actor_name == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("storefront:login"))
    else:
        assert response.status_code == 403


def decision_url(action, cooperative):
    return reverse(f"backoffice:cooperative-review-{action}", kwargs={"slug": cooperative.slug})


def detail_url(cooperative):
    return reverse("backoffice:cooperative-review-detail", kwargs={"slug": cooperative.slug})


# --- queue ------------------------------------------------------------------------------


@pytest.mark.parametrize("actor_name", ACTORS)
def test_queue_page_permission_matrix(client, actors, submitted, actor_name):
    # when
    response = log_in(client, actors[actor_name]).get(
        reverse("backoffice:cooperative-review-queue")
    )

    # then
    if actor_name == "reviewer":
        assert response.status_code == 200
        assert f'data-cooperative="{submitted.slug}"'.encode() in response.content
    else:
        assert_refused(response, actor_name)


def test_queue_page_lists_oldest_submission_first_with_failed_checks(client, reviewer):
    # given
    recent = make_submitted(days_ago=1)
    rib = valid_rib()
    wrong_key = f"{(int(rib[-2:]) + 1) % 100:02d}"
    oldest = make_submitted(days_ago=10, rib=rib[:-2] + wrong_key, documents=False)
    sent_back = make_cooperative(status=CooperativeStatus.CHANGES_REQUESTED)

    # when
    response = log_in(client, reviewer).get(reverse("backoffice:cooperative-review-queue"))

    # then
    listed = [c.slug for c in response.context["cooperatives"]]
    assert listed == [oldest.slug, recent.slug, sent_back.slug]
    failed = {c.slug: c.failed_checks_count for c in response.context["cooperatives"]}
    assert failed[recent.slug] == 0
    assert failed[oldest.slug] == 5  # the RIB and the four required documents
    html = response.content.decode()
    assert html.index(oldest.slug) < html.index(recent.slug) < html.index(sent_back.slug)


def test_queue_page_filters_by_status_and_province(client, reviewer):
    # given
    in_taza = make_submitted(province="taza")
    in_ifrane = make_submitted(province="ifrane")
    suspended = make_cooperative(status=CooperativeStatus.SUSPENDED, province="taza")

    # when
    client = log_in(client, reviewer)
    by_province = client.get(reverse("backoffice:cooperative-review-queue"), {"province": "taza"})
    by_status = client.get(
        reverse("backoffice:cooperative-review-queue"), {"status": "suspended"}
    )

    # then
    assert [c.pk for c in by_province.context["cooperatives"]] == [in_taza.pk]
    assert [c.pk for c in by_status.context["cooperatives"]] == [suspended.pk]
    assert in_ifrane.slug not in by_province.content.decode()


def test_queue_page_is_not_shadowed_by_a_cooperative_slugged_review(client, reviewer):
    # given
    make_cooperative(slug="review", status=CooperativeStatus.SUBMITTED)

    # when
    response = log_in(client, reviewer).get(reverse("backoffice:cooperative-review-queue"))

    # then
    assert response.status_code == 200
    assert response.resolver_match.url_name == "cooperative-review-queue"


def make_queue(count):
    for index in range(count):
        owner = make_user(f"queue-owner-{count}-{index}@example.com")
        cooperative = make_submitted(owner=owner, days_ago=index + 1)
        manager = make_user(f"queue-manager-{count}-{index}@example.com")
        Membership.objects.create(
            cooperative=cooperative, user=manager, role=MembershipRole.MANAGER
        )


def count_queue_queries(client):
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("backoffice:cooperative-review-queue"))
    assert response.status_code == 200
    return len(context.captured_queries), len(response.context["cooperatives"])


def test_queue_page_query_count_is_the_same_for_3_and_30_cooperatives(
    client, reviewer, django_assert_max_num_queries
):
    # given
    client = log_in(client, reviewer)
    make_queue(3)
    queries_for_3, listed = count_queue_queries(client)
    assert listed == 3
    make_queue(27)

    # when / then
    with django_assert_max_num_queries(queries_for_3):
        response = client.get(reverse("backoffice:cooperative-review-queue"))
    assert len(response.context["cooperatives"]) == 30


# --- detail -----------------------------------------------------------------------------


@pytest.mark.parametrize("actor_name", ACTORS)
def test_detail_page_permission_matrix(client, actors, submitted, actor_name):
    # when
    response = log_in(client, actors[actor_name]).get(detail_url(submitted))

    # then
    if actor_name == "reviewer":
        assert response.status_code == 200
    else:
        assert_refused(response, actor_name)


def test_detail_page_shows_application_checks_documents_timeline_and_decisions(
    client, reviewer, owner
):
    # given
    make_cooperative(status=CooperativeStatus.APPROVED, register_number="RC-9001")
    cooperative = make_submitted(owner=owner, register_number="RC 9001")
    cooperative_review(
        cooperative=cooperative,
        reviewer=reviewer,
        decision=ReviewDecision.REQUEST_CHANGES,
        field_comments={"rib": "Clé incorrecte"},
    )
    cooperative.status = CooperativeStatus.SUBMITTED
    cooperative.save(update_fields=["status"])

    # when
    response = log_in(client, reviewer).get(detail_url(cooperative))

    # then
    html = response.content.decode()
    assert cooperative.ice in html
    assert cooperative.rib in html
    assert 'data-check="register_number_unique" data-passed="false"' in html
    assert 'data-check="ice_unique" data-passed="true"' in html
    statutes = cooperative.documents.get(kind="statutes")
    # The link is signed with a timestamp: follow the page's own link, never re-sign.
    token = re.search(
        r'href="/backoffice/cooperatives/documents/([^/"]+)/"[^>]*>statutes\.pdf', html
    )
    assert token, "the page links the statutes through a signed document URL"
    assert document_from_token(token=token.group(1), user=reviewer) == statutes
    assert 'data-to-status="changes_requested"' in html
    assert "Clé incorrecte" in html
    for action in ("approve", "reject", "request-changes"):
        assert f'action="{decision_url(action, cooperative)}"' in html
    assert decision_url("suspend", cooperative) not in html


def test_detail_page_of_unknown_cooperative_is_404(client, reviewer):
    # when
    response = log_in(client, reviewer).get(
        reverse("backoffice:cooperative-review-detail", kwargs={"slug": "nope"})
    )

    # then
    assert response.status_code == 404


def test_detail_page_works_in_arabic(client, reviewer, submitted):
    # when
    with translation.override("ar"):
        url = detail_url(submitted)
    response = log_in(client, reviewer).get(url)

    # then
    assert url.startswith("/ar/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


# --- decisions --------------------------------------------------------------------------

# action → (status it acts on, form data, status after)
DECISIONS = {
    "approve": (CooperativeStatus.SUBMITTED, {}, CooperativeStatus.APPROVED),
    "reject": (CooperativeStatus.SUBMITTED, {"reject-reason": "Hors ESS", "reject-confirm": "on"},
               CooperativeStatus.REJECTED),
    "request-changes": (
        CooperativeStatus.SUBMITTED,
        {"request_changes-comment_ice": "Illisible"},
        CooperativeStatus.CHANGES_REQUESTED,
    ),
    "suspend": (CooperativeStatus.APPROVED, {"suspend-reason": "Fraude", "suspend-confirm": "on"},
                CooperativeStatus.SUSPENDED),
    "reinstate": (CooperativeStatus.SUSPENDED, {}, CooperativeStatus.APPROVED),
}


@pytest.mark.parametrize("actor_name", ACTORS)
@pytest.mark.parametrize("action", list(DECISIONS))
def test_decision_pages_permission_matrix(
    client, actors, owner, run_on_commit, actor_name, action
):
    # given
    status, data, status_after = DECISIONS[action]
    cooperative = make_submitted(owner=owner, status=status)
    before = snapshot(cooperative)

    # when
    with run_on_commit():
        response = log_in(client, actors[actor_name]).post(
            decision_url(action, cooperative), data
        )

    # then
    if actor_name == "reviewer":
        assert response.status_code == 302
        assert response.url == detail_url(cooperative)
        after = snapshot(cooperative)
        assert after["status"] == status_after
        assert after["transitions"] == before["transitions"] + 1
        assert [message.to for message in mail.outbox] == [[owner.email]]
    else:
        assert_refused(response, actor_name)
        assert snapshot(cooperative) == before
        assert mail.outbox == []


def test_decisions_refuse_get(client, reviewer, submitted):
    # when
    response = log_in(client, reviewer).get(decision_url("approve", submitted))

    # then
    assert response.status_code == 405
    assert snapshot(submitted)["status"] == CooperativeStatus.SUBMITTED


def test_decisions_require_csrf_token(reviewer, submitted):
    # given
    from django.test import Client

    client = log_in(Client(enforce_csrf_checks=True), reviewer)
    before = snapshot(submitted)

    # when
    response = client.post(decision_url("approve", submitted))

    # then
    assert response.status_code == 403
    assert snapshot(submitted) == before


def test_approve_redirects_with_a_success_message_and_records_the_transition(
    client, reviewer, submitted, run_on_commit
):
    # when
    with run_on_commit():
        response = log_in(client, reviewer).post(decision_url("approve", submitted), follow=True)

    # then
    assert response.redirect_chain == [(detail_url(submitted), 302)]
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    transition = CooperativeTransition.objects.get(cooperative=submitted)
    assert (transition.from_status, transition.to_status, transition.actor) == (
        "submitted", "approved", reviewer
    )
    submitted.refresh_from_db()
    assert submitted.warehouse == Warehouse.objects.get()
    assert len(mail.outbox) == 1


def test_request_changes_page_records_reason_and_comments_per_field_and_document(
    client, reviewer, submitted, run_on_commit
):
    # when
    with run_on_commit():
        response = log_in(client, reviewer).post(
            decision_url("request-changes", submitted),
            {
                "request_changes-reason": "Deux corrections",
                "request_changes-comment_rib": "Clé fausse",
                "request_changes-comment_document__statutes": "Non signés",
                "request_changes-comment_ice": "",
            },
        )

    # then
    assert response.status_code == 302
    transition = CooperativeTransition.objects.get(cooperative=submitted)
    assert transition.to_status == CooperativeStatus.CHANGES_REQUESTED
    assert transition.reason == "Deux corrections"
    assert transition.field_comments == {"rib": "Clé fausse", "document:statutes": "Non signés"}
    assert "Non signés" in mail.outbox[0].body


@pytest.mark.parametrize(
    "action,data,field,code",
    [
        ("reject", {"reject-reason": ""}, "reason", "required"),
        ("request-changes", {"request_changes-reason": " "}, "reason",
         CooperativeErrorCode.REQUIRED.value),
    ],
)
def test_decision_without_reason_shows_the_error_and_changes_nothing(
    client, reviewer, submitted, run_on_commit, action, data, field, code
):
    # given
    before = snapshot(submitted)

    # when
    with run_on_commit():
        response = log_in(client, reviewer).post(decision_url(action, submitted), data)

    # then
    assert response.status_code == 200
    form = next(
        d["form"] for d in response.context["decision_forms"]
        if d["action"] == action.replace("-", "_")
    )
    assert [error.code for error in form.errors.as_data()[field]] == [code]
    assert snapshot(submitted) == before
    assert mail.outbox == []


def test_approving_an_already_approved_application_shows_the_error_and_changes_nothing(
    client, reviewer, submitted, run_on_commit
):
    # given: another reviewer approved it while this page was open
    cooperative_review(cooperative=submitted, reviewer=reviewer, decision=ReviewDecision.APPROVE)
    before = snapshot(submitted)
    mail.outbox.clear()

    # when
    with run_on_commit():
        response = log_in(client, reviewer).post(decision_url("approve", submitted))

    # then
    assert response.status_code == 200
    assert response.context["decision_errors"]
    assert 'role="alert"' in response.content.decode()
    assert snapshot(submitted) == before
    assert mail.outbox == []


def test_suspend_without_reason_shows_the_error_and_changes_nothing(
    client, reviewer, approved_cooperative
):
    # given
    before = snapshot(approved_cooperative)

    # when
    response = log_in(client, reviewer).post(
        decision_url("suspend", approved_cooperative), {"suspend-reason": ""}
    )

    # then
    assert response.status_code == 200
    form = response.context["decision_forms"][0]["form"]
    assert [error.code for error in form.errors.as_data()["reason"]] == ["required"]
    assert snapshot(approved_cooperative) == before
