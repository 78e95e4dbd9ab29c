"""Two staff acting on one claim at the same moment: the row lock lets exactly one win.

Each thread calls the service through its own PostgreSQL connection; without
the lock, verify and revoke (or two verifications) could both record a change.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from catalog_extensions.labels.models import CertificationStatus
from catalog_extensions.labels.services.certifications import (
    certification_reject,
    certification_verify,
)

from .conftest import make_certification

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*actions):
    barrier = threading.Barrier(len(actions))
    outcomes = []

    def run(action):
        try:
            barrier.wait()
            action()
            outcomes.append("done")
        except ValidationError as error:
            outcomes.append(error.error_dict["status"][0].code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.mark.parametrize("attempts", [2, 4])
def test_concurrent_decisions_on_one_claim_record_one(oil, igp, label_manager, attempts):
    # given a pending claim
    claim = make_certification(oil, igp, status=CertificationStatus.PENDING)

    # when staff verify and reject it at the same moment
    actions = [
        (lambda: certification_verify(certification=claim, user=label_manager))
        if index % 2 == 0
        else (lambda: certification_reject(certification=claim, user=label_manager, reason="x"))
        for index in range(attempts)
    ]
    outcomes = at_once(*actions)

    # then one decision stands, the others are refused as invalid transitions
    assert outcomes == ["done"] + ["invalid_transition"] * (attempts - 1)
    claim.refresh_from_db()
    assert claim.events.count() == 1
    assert claim.status == claim.events.get().to_status
