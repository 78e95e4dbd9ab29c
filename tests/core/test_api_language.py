"""The API answers in the language its client asks for (Accept-Language)."""

import json

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

LEDGER = "query($c: ID!) { cooperativeLedger(cooperative: $c) { paid { amount } } }"
MESSAGE = "No cooperative matches this ID: %(id)s."


def ask(client, token, accept_language=None):
    headers = {"HTTP_AUTHORIZATION": f"JWT {token}"}
    if accept_language:
        headers["HTTP_ACCEPT_LANGUAGE"] = accept_language
    response = client.post(
        "/graphql/",
        json.dumps({"query": LEDGER, "variables": {"c": "not-an-id"}}),
        content_type="application/json",
        **headers,
    )
    return response, response.json()["errors"][0]["message"]


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_api_errors_come_in_the_language_the_client_accepts(
    client, user_token, reviewer, language
):
    # when
    response, message = ask(client, user_token(reviewer), accept_language=f"{language},en;q=0.5")

    # then
    with translation.override(language):
        assert message == translation.gettext(MESSAGE) % {"id": "not-an-id"}
    assert response["Content-Language"] == language


def test_api_without_a_language_preference_answers_in_french(client, user_token, reviewer):
    # when
    response, message = ask(client, user_token(reviewer))

    # then
    assert message == "Aucune coopérative ne correspond à cet identifiant : not-an-id."
    assert response["Content-Language"] == "fr"
