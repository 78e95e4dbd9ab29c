import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.fairs import services
from marketplace.fairs.errors import FairErrorCode
from marketplace.fairs.models import ApplicationStatus, FairApplication
from marketplace.fairs.selectors import waitlist_in_suggested_order

from .conftest import approved_cooperative_with_owner
from .helpers import apply, days_from_now, link, make_application, make_stop

pytestmark = pytest.mark.django_db


def error_code(excinfo, field):
    return excinfo.value.error_dict[field][0].code


def test_approved_cooperative_applies_with_its_products(stop, approved_cooperative, owner, oil):
    # when
    application = apply(stop, approved_cooperative, owner, [oil], needs="Une table")

    # then
    assert application.status == ApplicationStatus.PENDING
    assert list(application.products.all()) == [oil]
    assert application.events.get().action == "application_created"


def test_cooperative_cannot_bring_another_cooperatives_product(
    stop, approved_cooperative, owner, other_oil
):
    # when
    with pytest.raises(ValidationError) as excinfo:
        apply(stop, approved_cooperative, owner, [other_oil])

    # then
    assert error_code(excinfo, "products") == FairErrorCode.PRODUCT_NOT_OWNED.value
    assert not FairApplication.objects.exists()


def test_application_after_the_deadline_is_refused(tour, approved_cooperative, owner, oil):
    # given
    stop = make_stop(tour, starts_in_days=2)

    # when
    with pytest.raises(ValidationError) as excinfo:
        apply(stop, approved_cooperative, owner, [oil])

    # then
    assert error_code(excinfo, "stop") == FairErrorCode.DEADLINE_PASSED.value
    assert not FairApplication.objects.exists()


def test_cooperative_not_approved_cannot_apply(stop, cooperative, owner, product_factory):
    # given
    product = link(product_factory(), cooperative)

    # when
    with pytest.raises(ValidationError) as excinfo:
        apply(stop, cooperative, owner, [product])

    # then
    assert error_code(excinfo, "cooperative") == FairErrorCode.NOT_APPROVED.value
    assert not FairApplication.objects.exists()


def test_second_application_to_the_same_stop_is_refused(stop, approved_cooperative, owner, oil):
    # given
    apply(stop, approved_cooperative, owner, [oil])

    # when
    with pytest.raises(ValidationError) as excinfo:
        apply(stop, approved_cooperative, owner, [oil])

    # then
    assert error_code(excinfo, "stop") == FairErrorCode.ALREADY_APPLIED.value
    assert FairApplication.objects.count() == 1


def test_member_of_another_cooperative_cannot_apply_for_it(
    stop, approved_cooperative, other_member, oil
):
    # when
    with pytest.raises(PermissionDenied):
        apply(stop, approved_cooperative, other_member, [oil])

    # then
    assert not FairApplication.objects.exists()


def test_accepting_beyond_the_stands_is_refused(tour, planner, other_cooperative):
    # given
    stop = make_stop(tour, capacity=1)
    make_application(stop, other_cooperative, status="accepted")
    cooperative, _owner = approved_cooperative_with_owner("late@example.com")
    late = make_application(stop, cooperative)

    # when
    with pytest.raises(ValidationError) as excinfo:
        services.application_decide(application=late, actor=planner, decision="accept")

    # then
    assert error_code(excinfo, "decision") == FairErrorCode.CAPACITY_REACHED.value
    late.refresh_from_db()
    assert late.status == ApplicationStatus.PENDING


def test_cooperative_is_never_accepted_at_two_overlapping_stops(
    tour, planner, approved_cooperative
):
    # given
    first = make_stop(tour, commune="Sefrou")
    second = make_stop(
        tour,
        commune="Imouzzer",
        starts_at=first.starts_at + datetime.timedelta(hours=4),
        province="sefrou",
    )
    make_application(first, approved_cooperative, status="accepted")
    application = make_application(second, approved_cooperative)

    # when
    with pytest.raises(ValidationError) as excinfo:
        services.application_decide(application=application, actor=planner, decision="accept")

    # then
    assert error_code(excinfo, "decision") == FairErrorCode.OVERLAPPING_STOP.value
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_acceptance_tells_the_cooperative_in_french_and_arabic(
    stop, planner, approved_cooperative, owner, oil, django_capture_on_commit_callbacks
):
    # given
    application = apply(stop, approved_cooperative, owner, [oil])

    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(application=application, actor=planner, decision="accept")

    # then
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.decided_by == planner
    assert [message.to for message in mail.outbox] == [[owner.email]]
    assert "Sefrou" in mail.outbox[0].subject
    assert "stand" in mail.outbox[0].body


def test_withdrawal_offers_the_stand_to_the_first_in_suggested_order(
    tour, planner, approved_cooperative, owner, django_capture_on_commit_callbacks
):
    # given: one stand, held; two waitlisted, the later one from the stop's province
    stop = make_stop(tour, capacity=1, province="taza", commune="Taza")
    held = make_application(stop, approved_cooperative, status="accepted")
    elsewhere, _ = approved_cooperative_with_owner("fes@example.com", province="fes")
    local_coop, local_owner = approved_cooperative_with_owner("taza@example.com", province="taza")
    make_application(stop, elsewhere, status="waitlisted", waitlisted_at=days_from_now(-3))
    promoted = make_application(
        stop, local_coop, status="waitlisted", waitlisted_at=days_from_now(-1)
    )

    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.application_withdraw(application=held, actor=owner)

    # then
    promoted.refresh_from_db()
    assert promoted.status == ApplicationStatus.ACCEPTED
    assert stop.applications.accepted().count() == 1
    assert local_owner.email in [address for message in mail.outbox for address in message.to]


def test_suggested_waitlist_order_states_its_reasons(tour, approved_cooperative):
    # given: the first cooperative already exhibits at another stop this season
    stop = make_stop(tour, province="taza", commune="Taza", starts_in_days=40)
    other_stop = make_stop(tour, starts_in_days=20)
    make_application(other_stop, approved_cooperative, status="accepted")
    veteran = make_application(
        stop, approved_cooperative, status="waitlisted", waitlisted_at=days_from_now(-9)
    )
    newcomer_coop, _ = approved_cooperative_with_owner(
        "new@example.com", province="fes", members_count=10, women_members=2, young_members=8
    )
    newcomer = make_application(
        stop, newcomer_coop, status="waitlisted", waitlisted_at=days_from_now(-1)
    )

    # when
    suggestions = waitlist_in_suggested_order(stop)

    # then
    assert [s.application for s in suggestions] == [newcomer, veteran]
    assert suggestions[0].reasons == ["has not exhibited yet this season", "youth-led"]


def test_cancelling_a_stop_notifies_accepted_cooperatives_and_signals_once_committed(
    stop, planner, approved_cooperative, owner, django_capture_on_commit_callbacks
):
    # given
    from marketplace.fairs.signals import stop_cancelled

    make_application(stop, approved_cooperative, status="accepted")
    received = []

    def listener(sender, stop, **kwargs):
        received.append(stop.pk)

    stop_cancelled.connect(listener)
    try:
        # when
        with django_capture_on_commit_callbacks(execute=True):
            services.stop_cancel(stop=stop, actor=planner, reason="Intempéries")
    finally:
        stop_cancelled.disconnect(listener)

    # then
    stop.refresh_from_db()
    assert stop.status == "cancelled"
    assert received == [stop.pk]
    assert [message.to for message in mail.outbox] == [[owner.email]]
