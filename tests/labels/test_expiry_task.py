"""The daily round: warn 30 days before, expire the day after, e-mail once each (ar and fr)."""

import datetime

import pytest
from django.core import mail
from freezegun import freeze_time

from catalog_extensions.labels.models import CertificationStatus
from catalog_extensions.labels.signals import certifications_changed
from catalog_extensions.labels.tasks import expire_certifications

from .conftest import make_certification, morocco_time

pytestmark = pytest.mark.django_db

D = datetime.date(2027, 6, 30)


@pytest.fixture
def ending(oil, igp):
    return make_certification(oil, igp, valid_from=datetime.date(2026, 7, 1), valid_until=D)


def test_task_warns_thirty_days_before_once_in_arabic_and_french(ending, owner, run_on_commit):
    # given a verified certification ending on D
    # when the daily task runs 30 days before D, twice the same day and again the next day
    with freeze_time(morocco_time(D - datetime.timedelta(days=30), 3, 0)):
        with run_on_commit():
            first = expire_certifications()
        with run_on_commit():
            expire_certifications()
    with freeze_time(morocco_time(D - datetime.timedelta(days=29), 3, 0)):
        with run_on_commit():
            expire_certifications()

    # then the owner got one warning, written in French and in Arabic
    assert first == {"expired": 0, "warned": 1}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert "se termine bientôt" in message.subject
    assert "ينتهي أجلها قريبا" in message.subject
    assert "30/06/2027" in message.body
    ending.refresh_from_db()
    assert ending.status == CertificationStatus.VERIFIED


def test_task_does_not_warn_earlier_than_thirty_days(ending, run_on_commit):
    with freeze_time(morocco_time(D - datetime.timedelta(days=31), 3, 0)):
        with run_on_commit():
            result = expire_certifications()

    assert result == {"expired": 0, "warned": 0}
    assert mail.outbox == []


def test_task_expires_the_day_after_and_tells_the_cooperative_once(
    ending, owner, run_on_commit
):
    # given a verified certification ending on D, already warned
    with freeze_time(morocco_time(D - datetime.timedelta(days=30), 3, 0)):
        with run_on_commit():
            expire_certifications()
    mail.outbox.clear()
    announced = []

    def listener(sender, product_ids, **kwargs):
        announced.append(product_ids)

    certifications_changed.connect(listener)
    try:
        # when the task runs on D (nothing happens) and on D+1, twice
        with freeze_time(morocco_time(D, 3, 0)):
            with run_on_commit():
                on_d = expire_certifications()
        with freeze_time(morocco_time(D + datetime.timedelta(days=1), 3, 0)):
            with run_on_commit():
                next_day = expire_certifications()
            with run_on_commit():
                again = expire_certifications()
    finally:
        certifications_changed.disconnect(listener)

    # then it expired once, with an automatic event, and one bilingual notice went out
    assert on_d == {"expired": 0, "warned": 0}
    assert next_day == {"expired": 1, "warned": 0}
    assert again == {"expired": 0, "warned": 0}
    ending.refresh_from_db()
    assert ending.status == CertificationStatus.EXPIRED
    event = ending.events.get(to_status=CertificationStatus.EXPIRED)
    assert event.actor is None and event.from_status == CertificationStatus.VERIFIED
    assert len(mail.outbox) == 1
    assert "a expiré" in mail.outbox[0].subject
    assert "انتهت صلاحية" in mail.outbox[0].subject
    assert announced == [[ending.product_id]]


def test_task_leaves_pending_and_revoked_claims_alone(oil, igp, organic, run_on_commit):
    pending = make_certification(
        oil, igp, status=CertificationStatus.PENDING, valid_until=D - datetime.timedelta(days=5)
    )
    revoked = make_certification(
        oil,
        organic,
        status=CertificationStatus.REVOKED,
        valid_until=D - datetime.timedelta(days=5),
    )

    with freeze_time(morocco_time(D, 3, 0)):
        with run_on_commit():
            result = expire_certifications()

    assert result == {"expired": 0, "warned": 0}
    pending.refresh_from_db()
    revoked.refresh_from_db()
    assert (pending.status, revoked.status) == ("pending", "revoked")
    assert mail.outbox == []
