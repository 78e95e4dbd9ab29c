"""Pages carry the Content-Security-Policy, and nothing on them needs more than it allows."""

import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/ar/", "/en/", "/cooperatives/", "/accounts/login/", "/accounts/signup/"]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_has_the_policy_and_no_inline_script_or_style(client, settings, path):
    # when
    response = client.get(path)

    # then
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert not re.search(r"<style\b|\sstyle=\"|\son[a-z]+=\"", html), "inline style or handler"
    # Canonical and hreflang links name this site itself, absolutely.
    third_party = r"<(?:script[^>]+src|link[^>]+href)=\"https?://(?!testserver[/:\"])"
    assert not re.search(third_party, html), "third party"


def test_the_backoffice_home_has_the_policy(client, owner):
    # given
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")

    # when
    response = client.get("/backoffice/")

    # then
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in response.content.decode()


def test_the_playground_keeps_its_cdn_scripts_when_enabled(client, settings):
    # given
    settings.PLAYGROUND_ENABLED = True

    # when
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")

    # then
    assert "Content-Security-Policy" not in response


def test_json_answers_get_the_policy_too(client):
    assert "Content-Security-Policy" in client.get("/healthz/")
