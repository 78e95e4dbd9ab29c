import gzip

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

pytestmark = pytest.mark.django_db


def test_home_page_html_is_sent_compressed_when_the_browser_accepts_gzip(client, product_factory):
    # given
    for _ in range(5):
        product_factory()

    # when
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    # then
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content)
    assert b"<html" in html
    assert len(response.content) < len(html) / 2


def test_anonymous_page_may_be_cached_briefly_by_shared_caches_per_language(client):
    # when
    response = client.get("/cooperatives/")

    # then
    assert response["Cache-Control"] == "public, max-age=60"
    vary = {part.strip() for part in response["Vary"].split(",")}
    assert {"Cookie", "Accept-Language"} <= vary


def test_logged_in_page_is_private_to_the_browser(client, customer):
    # given
    client.force_login(customer)

    # when
    response = client.get("/cooperatives/")

    # then
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_page_with_a_form_token_is_never_shared(client):
    # when
    response = client.get("/accounts/login/")

    # then
    assert "private" in response["Cache-Control"]


def test_static_files_get_hashed_names_and_a_far_future_immutable_cache(settings, tmp_path):
    # given
    settings.STATIC_ROOT = str(tmp_path)
    settings.STATICFILES_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
    settings.DEBUG = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.staticfiles.storage import staticfiles_storage

    hashed_url = staticfiles_storage.url("storefront/site.css")
    middleware = WhiteNoiseMiddleware(lambda request: None)

    # when
    response = middleware(RequestFactory().get(hashed_url, HTTP_ACCEPT_ENCODING="gzip"))

    # then
    assert hashed_url != "/static/storefront/site.css"
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
    assert response["Content-Encoding"] == "gzip"
