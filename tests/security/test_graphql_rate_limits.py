"""Issue 6, item 5: log-in, sign-up, password resets and applications are rate limited.

Replays the attacks over HTTP: wrong passwords through tokenCreate and the
log-in page together, aliases and batches of tokenCreate, registrations and
password resets that each send an e-mail, and cooperative applications.
"""

import json
import time

import pytest
from django.core import mail
from saleor.account.models import User

from marketplace.cooperatives.models import Cooperative

pytestmark = pytest.mark.django_db

RIGHT_PASSWORD = "password-123"  # noqa: S105 - tests/fixtures/cooperatives.py's make_user
TOKEN_CREATE = """
  mutation($email: String!, $password: String!) {
    tokenCreate(email: $email, password: $password) {
      token
      accountErrors { field code }
    }
  }
"""
REGISTER = """
  mutation($email: String!) {
    accountRegister(input: {email: $email, password: "zendaz-honey-42",
                            redirectUrl: "http://localhost:8000/confirm/"}) {
      accountErrors { field code }
    }
  }
"""
PASSWORD_RESET = """
  mutation($email: String!) {
    requestPasswordReset(email: $email, redirectUrl: "http://localhost:8000/reset/") {
      accountErrors { field code }
    }
  }
"""
APPLY = """
  mutation($name: String!) {
    cooperativeApply(input: {nameFr: $name, nameAr: "تعاونية"}) {
      cooperative { id }
      cooperativeErrors { field code }
    }
  }
"""


def post(client, body, token=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"JWT {token}"} if token else {}
    response = client.post(
        "/graphql/", json.dumps(body), content_type="application/json", **headers, **extra
    )
    return response.json()


def token_create(client, email, password, **extra):
    variables = {"email": email, "password": password}
    return post(client, {"query": TOKEN_CREATE, "variables": variables}, **extra)


def refused(body, field):
    return body["data"][field] is None and [
        error["extensions"]["exception"]["code"] for error in body["errors"]
    ] == ["TooManyAttempts"]


def log_in_page(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_fifty_wrong_passwords_over_the_api_and_the_page_lock_the_account(client, customer):
    # when: 50 wrong passwords, alternating tokenCreate and the log-in page
    outcomes = []
    for attempt in range(50):
        if attempt % 2:
            outcomes.append(log_in_page(client, customer.email, "wrong").status_code)
        else:
            body = token_create(client, customer.email, "wrong")
            outcomes.append(429 if refused(body, "tokenCreate") else 200)
    right_over_api = token_create(client, customer.email, RIGHT_PASSWORD)
    right_on_page = log_in_page(client, customer.email, RIGHT_PASSWORD)

    # then: ten tries, then refused everywhere, even with the right password
    assert outcomes[:10] == [200] * 10
    assert outcomes[10:] == [429] * 40
    assert refused(right_over_api, "tokenCreate")
    assert right_on_page.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_says_so_in_the_callers_language(client, customer):
    # given
    for _attempt in range(10):
        token_create(client, customer.email, "wrong")

    # when
    french = token_create(client, customer.email, RIGHT_PASSWORD, HTTP_ACCEPT_LANGUAGE="fr")
    arabic = token_create(client, customer.email, RIGHT_PASSWORD, HTTP_ACCEPT_LANGUAGE="ar")

    # then
    assert french["errors"][0]["message"].startswith("Trop de tentatives")
    assert "محاولات" in arabic["errors"][0]["message"]


def test_the_right_password_works_again_after_the_lockout_window(client, customer, settings):
    # given
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": {"ip": (30, 1), "account": (3, 1)}}
    for _attempt in range(3):
        token_create(client, customer.email, "wrong")
    assert refused(token_create(client, customer.email, RIGHT_PASSWORD), "tokenCreate")

    # when
    time.sleep(1.2)
    body = token_create(client, customer.email, RIGHT_PASSWORD)

    # then
    assert body["data"]["tokenCreate"]["token"]


def test_successful_log_ins_never_lock_the_account(client, customer):
    # when
    bodies = [token_create(client, customer.email, RIGHT_PASSWORD) for _attempt in range(15)]
    page = log_in_page(client, customer.email, RIGHT_PASSWORD)

    # then
    assert all(body["data"]["tokenCreate"]["token"] for body in bodies)
    assert page.status_code == 302


def test_each_token_create_alias_counts_as_one_attempt(client, customer):
    # given: 20 aliases, under the alias limit
    aliases = " ".join(
        f'a{n}: tokenCreate(email: "{customer.email}", password: "wrong-{n}") {{ token }}'
        for n in range(20)
    )

    # when
    body = post(client, {"query": f"mutation {{ {aliases} }}"})

    # then
    answered = [body["data"][f"a{n}"] for n in range(20)]
    assert all(answer == {"token": None} for answer in answered[:10])
    assert answered[10:] == [None] * 10
    assert len(body["errors"]) == 10
    assert refused(token_create(client, customer.email, RIGHT_PASSWORD), "tokenCreate")


def test_a_hundred_and_one_token_create_aliases_are_refused_before_any_runs(client, customer):
    # given
    aliases = " ".join(
        f'a{n}: tokenCreate(email: "{customer.email}", password: "wrong-{n}") {{ token }}'
        for n in range(101)
    )

    # when
    response = client.post(
        "/graphql/", json.dumps({"query": f"mutation {{ {aliases} }}"}),
        content_type="application/json",
    )

    # then: nothing ran, so nothing was counted against the account
    assert response.status_code == 400
    assert "data" not in response.json()
    assert token_create(client, customer.email, RIGHT_PASSWORD)["data"]["tokenCreate"]["token"]


def test_each_operation_of_a_batch_counts_as_one_attempt(client, customer):
    # given
    batch = [
        {"query": TOKEN_CREATE, "variables": {"email": customer.email, "password": f"wrong-{n}"}}
        for n in range(15)
    ]

    # when
    bodies = post(client, batch)

    # then
    assert [body["data"]["tokenCreate"] is None for body in bodies] == [False] * 10 + [True] * 5
    assert refused(token_create(client, customer.email, RIGHT_PASSWORD), "tokenCreate")


def test_wrong_passwords_to_many_accounts_from_one_address_are_refused(client, customer):
    # given
    for n in range(30):
        token_create(client, f"nobody-{n}@example.com", "wrong")

    # when
    from_same_address = token_create(client, customer.email, RIGHT_PASSWORD)
    from_elsewhere = token_create(client, customer.email, RIGHT_PASSWORD, REMOTE_ADDR="10.1.2.3")

    # then
    assert refused(from_same_address, "tokenCreate")
    assert from_elsewhere["data"]["tokenCreate"]["token"]


def test_a_forged_forwarded_for_header_changes_nothing_by_default(client, customer):
    # given
    for n in range(30):
        token_create(
            client, f"nobody-{n}@example.com", "wrong", HTTP_X_FORWARDED_FOR=f"10.9.0.{n}"
        )

    # when
    body = token_create(client, customer.email, RIGHT_PASSWORD, HTTP_X_FORWARDED_FOR="10.9.1.1")

    # then
    assert refused(body, "tokenCreate")


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_apart(client, customer, settings):
    # given: one proxy in front; clients also forge the header's left end
    settings.RATE_LIMIT_TRUSTED_PROXIES = 1
    for n in range(30):
        token_create(
            client, f"nobody-{n}@example.com", "wrong",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.7",
        )

    # when
    same_client = token_create(
        client, customer.email, RIGHT_PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.99, 203.0.113.7"
    )
    other_client = token_create(
        client, customer.email, RIGHT_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.4"
    )

    # then
    assert refused(same_client, "tokenCreate")
    assert other_client["data"]["tokenCreate"]["token"]


def test_registrations_for_one_e_mail_stop_after_three_attempts(client):
    # when
    bodies = [
        post(client, {"query": REGISTER, "variables": {"email": "victim@example.com"}},
             REMOTE_ADDR=f"10.0.0.{n}")
        for n in range(6)
    ]

    # then: the first creates the account, two more are refused as duplicates, then no more
    assert [refused(body, "accountRegister") for body in bodies] == [False] * 3 + [True] * 3
    assert User.objects.filter(email="victim@example.com").count() == 1
    assert len(mail.outbox) == 1


def test_registrations_from_one_client_stop_after_five(client):
    # when
    bodies = [
        post(client, {"query": REGISTER, "variables": {"email": f"new-{n}@example.com"}})
        for n in range(12)
    ]
    page = client.post(
        "/accounts/signup/",
        {"email": "page@example.com", "password": "zendaz-honey-42",
         "password_again": "zendaz-honey-42"},
    )

    # then
    assert [refused(body, "accountRegister") for body in bodies] == [False] * 5 + [True] * 7
    assert User.objects.count() == 5
    assert len(mail.outbox) == 5
    assert page.status_code == 429


def test_password_resets_for_one_account_stop_after_three_e_mails(client, customer):
    # when
    bodies = [
        post(client, {"query": PASSWORD_RESET, "variables": {"email": customer.email}},
             REMOTE_ADDR=f"10.0.1.{n}")
        for n in range(6)
    ]

    # then
    assert [refused(body, "requestPasswordReset") for body in bodies] == [False] * 3 + [True] * 3
    assert len(mail.outbox) == 3


def test_cooperative_applications_over_the_api_and_the_page_share_one_limit(
    client, customer, user_token
):
    # given
    token = user_token(customer)
    bodies = [post(client, {"query": APPLY, "variables": {"name": f"Coop {n}"}}, token=token)
              for n in range(3)]
    client.force_login(customer, backend="django.contrib.auth.backends.ModelBackend")
    for n in range(2):
        client.post(
            "/backoffice/cooperatives/apply/",
            {"name_fr": f"Coop page {n}", "name_ar": "تعاونية", "legal_form": "cooperative"},
        )

    # when
    over_api = post(client, {"query": APPLY, "variables": {"name": "De trop"}}, token=token,
                    REMOTE_ADDR="10.0.2.1")
    on_page = client.post(
        "/backoffice/cooperatives/apply/",
        {"name_fr": "De trop aussi", "name_ar": "تعاونية", "legal_form": "cooperative"},
    )

    # then: five applications, then refused for this account wherever it comes from
    assert all(body["data"]["cooperativeApply"]["cooperative"] for body in bodies)
    assert refused(over_api, "cooperativeApply")
    assert on_page.status_code == 429
    assert Cooperative.objects.count() == 5
