"""Settings are read from the environment; production mode refuses unsafe defaults."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_django(args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ALLOWED_CLIENT_HOSTS"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=120,
    )


def test_production_mode_without_secret_key_fails_clearly():
    # when
    result = run_django(["check"])

    # then
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_mode_with_its_variables_passes_the_deploy_checks():
    # when
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY="k" * 60 + "-production-like-secret",
        ALLOWED_HOSTS="marketplace.example.ma",
        ALLOWED_CLIENT_HOSTS="marketplace.example.ma",
        SECURE_HSTS_SECONDS="31536000",
    )

    # then
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


PRODUCTION = {
    "SECRET_KEY": "k" * 60 + "-production-like-secret",
    "ALLOWED_HOSTS": "marketplace.example.ma",
    "ALLOWED_CLIENT_HOSTS": "marketplace.example.ma",
}
SHOW_HTTPS_SETTINGS = (
    "from django.conf import settings; "
    "print(settings.SECURE_SSL_REDIRECT, settings.SECURE_PROXY_SSL_HEADER)"
)


def test_production_redirects_to_https_and_trusts_no_proxy_header_by_default():
    # when
    result = run_django(["shell", "-c", SHOW_HTTPS_SETTINGS], **PRODUCTION)

    # then
    assert result.stdout.split() == ["True", "None"], result.stderr


def test_a_tls_terminating_proxy_is_trusted_only_when_named():
    # when
    result = run_django(
        ["shell", "-c", SHOW_HTTPS_SETTINGS],
        **PRODUCTION,
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
    )

    # then
    assert result.stdout.strip() == "True ('HTTP_X_FORWARDED_PROTO', 'https')", result.stderr


def test_morocco_defaults(settings):
    assert settings.DEFAULT_CURRENCY == "MAD"
    assert settings.DEFAULT_COUNTRY == "MA"
    assert settings.TIME_ZONE == "Africa/Casablanca"
    assert settings.LANGUAGE_CODE == "fr"
    assert [code for code, _ in settings.LANGUAGES] == ["fr", "ar", "en"]
