"""Issue 6, item 7: /graphql/ is CSRF-exempt, so it must not accept the session cookie.

A page on another site can make a signed-in person's browser POST to
/graphql/ with their cookies; only a JWT in the Authorization header (which
such a page cannot read or set) says who the caller is.
"""

import json

import pytest
from django.test import Client

from marketplace.cooperatives.models import Cooperative

pytestmark = pytest.mark.django_db

SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"
ME = "{ me { email } }"
APPLY = """
  mutation { cooperativeApply(input: {nameFr: "Coopérative piégée", nameAr: "تعاونية"}) {
    cooperative { id } cooperativeErrors { code } } }
"""


def post(client, query, token=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"JWT {token}"} if token else {}
    response = client.post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json",
        **headers, **extra,
    )
    return response.json()


def cross_site_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend=SESSION_BACKEND)
    return client


def test_a_cross_site_post_with_the_session_cookie_does_not_act_as_the_user(customer):
    # given: the shopper is logged in on the site, and visits another one
    client = cross_site_client(customer)

    # when
    me = post(client, ME, HTTP_ORIGIN="https://evil.example")
    applied = post(client, APPLY, HTTP_ORIGIN="https://evil.example")

    # then
    assert me["data"]["me"] is None
    assert applied["data"]["cooperativeApply"] is None
    assert applied["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert not Cooperative.objects.exists()


def test_a_staff_session_with_a_csrf_token_still_does_not_act_on_graphql(reviewer):
    # given: even a same-site request carrying the CSRF token is not a JWT
    client = cross_site_client(reviewer)
    client.get("/accounts/login/")
    csrf_token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""

    # when
    me = post(client, ME, HTTP_X_CSRFTOKEN=csrf_token)

    # then
    assert me["data"]["me"] is None


def test_a_jwt_in_the_authorization_header_acts_as_its_user(client, customer, user_token):
    # when
    me = post(client, ME, token=user_token(customer))
    applied = post(client, APPLY, token=user_token(customer))

    # then
    assert me["data"]["me"]["email"] == customer.email
    assert applied["data"]["cooperativeApply"]["cooperative"]["id"]
    assert Cooperative.objects.count() == 1


def test_the_jwt_decides_even_when_another_account_is_logged_in(customer, owner, user_token):
    # given
    client = cross_site_client(owner)

    # when
    me = post(client, ME, token=user_token(customer))

    # then
    assert me["data"]["me"]["email"] == customer.email


def test_a_jwt_cookie_is_not_accepted(client, customer, user_token):
    # given: graphql-jwt reads a "JWT" cookie when no header is sent
    client.cookies["JWT"] = user_token(customer)

    # when
    me = post(client, ME)

    # then
    assert me["data"]["me"] is None


def test_token_create_over_the_api_still_works_for_a_2_10_client(client, customer):
    # when
    body = post(
        client,
        'mutation { tokenCreate(email: "%s", password: "password-123") '
        "{ token user { email } errors { field message } accountErrors { field code } } }"
        % customer.email,
    )

    # then
    created = body["data"]["tokenCreate"]
    assert created["user"]["email"] == customer.email
    assert post(client, ME, token=created["token"])["data"]["me"]["email"] == customer.email


def test_the_playground_page_is_served_in_debug_and_never_executes_a_get(
    client, customer, user_token
):
    # when
    page = client.get("/graphql/")
    with_query = client.get(
        "/graphql/", {"query": APPLY}, HTTP_AUTHORIZATION=f"JWT {user_token(customer)}"
    )

    # then
    assert page.status_code == 200
    assert b"GraphQLPlayground" in page.content
    assert with_query.status_code == 200
    assert not Cooperative.objects.exists()


def test_without_the_playground_a_get_is_not_allowed(client, settings):
    # given: production default (PLAYGROUND_ENABLED follows DEBUG)
    settings.PLAYGROUND_ENABLED = False

    # when
    response = client.get("/graphql/")

    # then
    assert response.status_code == 405
