"""Production settings: a complete environment loads and passes `check --deploy`;
a missing variable is named."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "k" * 60 + "-production-like-secret",
    "ALLOWED_HOSTS": "marketplace.example.ma",
    "ALLOWED_CLIENT_HOSTS": "marketplace.example.ma",
    "DATABASE_URL": "postgres://terroir:secret@db.internal:6432/terroir",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
    "CELERY_BROKER_URL": "redis://redis.internal:6379/1",
    "CACHE_URL": "redis://redis.internal:6379/0",
    "AWS_MEDIA_BUCKET_NAME": "terroir-media",
    "AWS_PRIVATE_BUCKET_NAME": "terroir-private",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.ma",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "example-secret",
}
SHOW = (
    "import json; from django.conf import settings; print(json.dumps({"
    "'storage': settings.DEFAULT_FILE_STORAGE, 'private': settings.AWS_PRIVATE_BUCKET_NAME,"
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'cache': settings.CACHES['default']['BACKEND'],"
    "'secure_cookies': [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],"
    "'hsts': settings.SECURE_HSTS_SECONDS, 'hosts': settings.ALLOWED_HOSTS,"
    "'csp': settings.CONTENT_SECURITY_POLICY, 'log': settings.LOG_FORMAT}))"
)


def run_django(args, env):
    environment = {
        key: value for key, value in os.environ.items()
        # As a server starts: without the test run's own variables.
        if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "PYTEST_CURRENT_TEST"}
        and key not in PRODUCTION
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=600,
    )


def test_the_complete_production_environment_loads_with_s3_redis_and_secure_defaults():
    # when
    result = run_django(["shell", "-c", SHOW], PRODUCTION)

    # then
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == {
        "storage": "marketplace.core.cloud_storages.S3MediaStorage",
        "private": "terroir-private",
        "eager": False,
        "cache": "django_redis.cache.RedisCache",
        "secure_cookies": [True, True],
        "hsts": 31536000,
        "hosts": ["marketplace.example.ma"],
        "csp": loaded["csp"],
        "log": "json",
    }
    assert "default-src 'self'" in loaded["csp"]


def test_check_deploy_passes_with_the_production_environment():
    # when
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)

    # then
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "ALLOWED_CLIENT_HOSTS"]
)
def test_a_missing_required_variable_is_named(missing):
    # given
    environment = {key: value for key, value in PRODUCTION.items() if key != missing}

    # when
    result = run_django(["check"], environment)

    # then
    assert result.returncode != 0
    assert re.search(rf"ImproperlyConfigured: {missing} (environment variable )?must be set",
                     result.stderr), result.stderr[-2000:]


def test_logs_are_one_json_object_a_line_in_production():
    # when
    result = run_django(
        ["shell", "-c",
         "import logging; logging.getLogger('marketplace.tasks').warning("
         "'parcel %s late', 'A1', extra={'order': 42})"],
        PRODUCTION,
    )

    # then
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "marketplace.tasks"
    assert entry["message"] == "parcel A1 late"
    assert entry["order"] == 42
    assert entry["time"].endswith("+00:00")


def test_the_documented_example_environment_passes_the_deploy_checks():
    # given: deploy/.env.example as an operator fills it in (the secrets only)
    example = {}
    for line in (ROOT / "deploy" / ".env.example").read_text().splitlines():
        if re.match(r"[A-Z][A-Z0-9_]*=", line):
            name, _, value = line.partition("=")
            example[name] = value
    example["SECRET_KEY"] = "e" * 60 + "-filled-in-by-the-operator"

    # when
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], example)

    # then
    assert result.returncode == 0, result.stderr[-3000:]
    assert "System check identified no issues" in result.stdout
