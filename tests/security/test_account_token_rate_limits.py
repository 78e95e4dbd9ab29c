"""Links from e-mails, the current password asked again, and e-mails sent from an account
are rate limited like log-ins (the brief: anything that checks a password or sends e-mail).

Replays guessing over HTTP: wrong tokens through Saleor's ``setPassword`` and
``confirmAccount`` and through our confirmation and reset pages, which share
one counter; wrong current passwords through ``passwordChange``; e-mail
changes and deletion requests that each send an e-mail.
"""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from saleor.account.models import User

from .test_graphql_rate_limits import RIGHT_PASSWORD, post, refused

pytestmark = pytest.mark.django_db

SET_PASSWORD = """
  mutation($email: String!, $token: String!) {
    setPassword(email: $email, token: $token, password: "nouveau-miel-2026") {
      token
      accountErrors { field code }
    }
  }
"""
CONFIRM_ACCOUNT = """
  mutation($email: String!, $token: String!) {
    confirmAccount(email: $email, token: $token) {
      user { isActive }
      accountErrors { field code }
    }
  }
"""
PASSWORD_CHANGE = """
  mutation($old: String!) {
    passwordChange(oldPassword: $old, newPassword: "nouveau-miel-2026") {
      accountErrors { field code }
    }
  }
"""
EMAIL_CHANGE = """
  mutation($email: String!) {
    requestEmailChange(password: "password-123", newEmail: $email,
                       redirectUrl: "http://localhost:8000/email/") {
      accountErrors { field code }
    }
  }
"""


def set_password(client, email, token, **extra):
    variables = {"email": email, "token": token}
    return post(client, {"query": SET_PASSWORD, "variables": variables}, **extra)


def test_ten_wrong_reset_tokens_over_the_api_and_the_pages_lock_the_account(client, customer):
    # given
    right_token = default_token_generator.make_token(customer)

    # when: wrong tokens through setPassword, the reset page and the confirmation page
    outcomes = []
    for attempt in range(12):
        if attempt % 3 == 0:
            body = set_password(client, customer.email, f"wrong-{attempt}")
            outcomes.append(429 if refused(body, "setPassword") else 200)
        elif attempt % 3 == 1:
            page = client.get("/accounts/password/reset/",
                              {"email": customer.email, "token": f"wrong-{attempt}"})
            outcomes.append(page.status_code)
        else:
            page = client.get("/accounts/confirm/",
                              {"email": customer.email, "token": f"wrong-{attempt}"})
            outcomes.append(page.status_code)
    with_the_right_token = set_password(client, customer.email, right_token)

    # then: ten failures, then refused everywhere, even with the right token
    assert outcomes[:10] == [200, 400, 400] * 3 + [200]
    assert outcomes[10:] == [429, 429]
    assert refused(with_the_right_token, "setPassword")
    customer.refresh_from_db()
    assert customer.check_password(RIGHT_PASSWORD)


def test_wrong_confirmation_tokens_for_many_accounts_from_one_address_are_refused(client):
    # given
    emails = [f"guess-{n}@example.com" for n in range(31)]
    for email in emails:
        User.objects.create_user(email=email, password=RIGHT_PASSWORD, is_active=False)

    # when
    bodies = [
        post(client, {"query": CONFIRM_ACCOUNT, "variables": {"email": email, "token": "x"}})
        for email in emails
    ]

    # then
    assert not any(refused(body, "confirmAccount") for body in bodies[:30])
    assert refused(bodies[30], "confirmAccount")
    assert not User.objects.filter(email__in=emails, is_active=True).exists()


def test_a_right_token_does_not_count_against_the_account(client, customer):
    # when: more right tokens than the limit allows failures
    answers = []
    for _attempt in range(12):
        token = default_token_generator.make_token(customer)
        answers.append(client.get("/accounts/password/reset/",
                                  {"email": customer.email, "token": token}).status_code)

    # then
    assert answers == [200] * 12


def test_wrong_current_passwords_in_password_change_lock_after_ten(client, customer, user_token):
    # given
    token = user_token(customer)

    # when
    bodies = [
        post(client, {"query": PASSWORD_CHANGE, "variables": {"old": f"wrong-{n}"}}, token=token)
        for n in range(11)
    ]
    with_the_right_password = post(
        client, {"query": PASSWORD_CHANGE, "variables": {"old": RIGHT_PASSWORD}}, token=token
    )

    # then
    assert all(body["data"]["passwordChange"]["accountErrors"] for body in bodies[:10])
    assert refused(bodies[10], "passwordChange")
    assert refused(with_the_right_password, "passwordChange")
    customer.refresh_from_db()
    assert customer.check_password(RIGHT_PASSWORD)


def test_e_mail_change_requests_stop_after_five_e_mails(client, customer, user_token):
    # given
    token = user_token(customer)

    # when
    bodies = [
        post(client, {"query": EMAIL_CHANGE, "variables": {"email": f"new-{n}@example.com"}},
             token=token, HTTP_ACCEPT_LANGUAGE="fr")
        for n in range(7)
    ]

    # then
    assert [refused(body, "requestEmailChange") for body in bodies] == [False] * 5 + [True] * 2
    assert len(mail.outbox) == 5
    assert bodies[6]["errors"][0]["message"].startswith("Trop de tentatives")


def test_the_lockout_page_answers_429_with_a_retry_after(client, customer, settings):
    # given
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS, "account-token": {"ip": (30, 900), "account": (1, 900)}
    }
    client.get("/accounts/confirm/", {"email": customer.email, "token": "wrong"})

    # when
    response = client.get("/accounts/confirm/", {"email": customer.email, "token": "wrong"})

    # then
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
