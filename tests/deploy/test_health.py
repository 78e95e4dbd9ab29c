"""/healthz/ reports database, cache and broker reachability: 200 if all answer, else 503."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_healthy_without_a_broker_reports_it_off(client):
    # when
    response = client.get("/healthz/")

    # then
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "off"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_a_reachable_broker_is_reported_ok(client, settings, redis_url):
    # given
    settings.CELERY_BROKER_URL = redis_url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from marketplace.celery import app

    app.conf.update(CELERY_BROKER_URL=redis_url)

    # when
    try:
        response = client.get("/healthz/")
    finally:
        app.conf.update(CELERY_BROKER_URL="")

    # then
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


def test_an_unreachable_broker_answers_503_and_says_which(client, settings):
    # given: nothing listens on port 9
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.HEALTH_CHECK_TIMEOUT = 0.5
    from marketplace.celery import app

    app.conf.update(CELERY_BROKER_URL="redis://127.0.0.1:9/0")

    # when
    try:
        response = client.get("/healthz/")
    finally:
        app.conf.update(CELERY_BROKER_URL="")

    # then
    assert response.status_code == 503
    body = response.json()
    assert body == {
        "status": "error", "checks": {"database": "ok", "cache": "ok", "broker": "error"},
    }
    assert "127.0.0.1" not in json.dumps(body)


def test_an_unreachable_cache_answers_503(client, settings):
    # given
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    # when: a cache that stores nothing cannot answer what was stored
    response = client.get("/healthz/")

    # then
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error"


def test_the_health_check_is_not_translated_nor_redirected_to_https(client, settings):
    # given
    settings.SECURE_SSL_REDIRECT = True

    # when
    health = client.get("/healthz/")
    page = client.get("/")

    # then
    assert health.status_code == 200
    assert page.status_code == 301 and page["Location"].startswith("https://")
    assert client.get("/ar/healthz/", secure=True).status_code == 404


def test_only_get_is_answered(client):
    assert client.post("/healthz/").status_code == 405
