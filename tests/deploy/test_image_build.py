"""The image's build steps, outside Docker: the Dockerfile's own install command into a clean
virtualenv, compilemessages, collectstatic, then its start command serving /healthz/."""

import json
import os
import re
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.fixtures.services import free_port

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "deploy" / "Dockerfile").read_text()
UV = ROOT / ".tools" / "bin" / "uv"
PYTHON = sys.executable  # the venv's: its base interpreter is the project's 3.11


def dockerfile_env(stage_text):
    """Variables an ENV instruction sets (KEY=VALUE pairs, backslash-continued)."""
    values = {}
    for block in re.findall(r"^ENV (.+?)(?<!\\)$", stage_text, flags=re.M | re.S):
        for pair in shlex.split(block.replace("\\\n", " ")):
            key, _, value = pair.partition("=")
            values[key] = value
    return values


def run_instruction(prefix):
    """The first RUN line starting with ``prefix``, as the image runs it."""
    match = re.search(rf"^RUN ({re.escape(prefix)}(?:.*\\\n)*.*)$", DOCKERFILE, flags=re.M)
    assert match, f"no `RUN {prefix}` in deploy/Dockerfile"
    return " ".join(match.group(1).replace("\\\n", " ").split())


@pytest.fixture(scope="module")
def image_venv(tmp_path_factory):
    """The Dockerfile's `uv sync` into a clean virtualenv (from uv's cache when warm)."""
    build = dockerfile_env(DOCKERFILE.split("FROM ${PYTHON_IMAGE} AS runtime")[0])
    # The image's PATH names its own folders ("$PATH" unexpanded): keep the machine's,
    # where the C compiler uWSGI's sdist needs lives.
    build.pop("PATH", None)
    venv = tmp_path_factory.mktemp("image") / "venv"
    command = run_instruction("uv sync").replace("uv ", f"{UV} ", 1)
    started = time.monotonic()
    result = subprocess.run(
        command, shell=True, cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, **build, "UV_PROJECT_ENVIRONMENT": str(venv),
             "UV_PYTHON": str(Path(PYTHON).resolve())},
    )
    assert result.returncode == 0, result.stderr
    print(f"\nimage install: {time.monotonic() - started:.1f} s")
    return venv


def build_env(tmp_path):
    build = dockerfile_env(DOCKERFILE.split("FROM ${PYTHON_IMAGE} AS runtime")[0])
    environment = {
        key: value for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "PYTEST_CURRENT_TEST", "SECRET_KEY"}
    }
    environment.update({k: v for k, v in build.items() if not k.startswith(("UV_", "PATH"))})
    environment["STATIC_ROOT"] = str(tmp_path / "static")
    return environment


def test_the_image_installs_from_the_lock_with_the_makefile_uv():
    # given
    makefile_uv = re.search(r"^UV_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M)

    # then
    assert f"pip install --no-cache-dir uv=={makefile_uv.group(1)}" in DOCKERFILE
    assert "--locked" in run_instruction("uv sync")
    assert re.search(r"^USER 10001", DOCKERFILE, re.M), "the image runs as a non-root user"
    assert "HEALTHCHECK" in DOCKERFILE


def test_the_build_steps_then_the_start_command_serve_the_health_check(image_venv, tmp_path):
    # given: the Dockerfile's build steps, with the clean virtualenv
    environment = build_env(tmp_path)
    python = str(image_venv / "bin" / "python")
    steps = run_instruction("python manage.py compilemessages").split(" && ")
    assert steps[1].startswith("python manage.py collectstatic")
    for step in steps[:2]:  # compilemessages, collectstatic (the third cleans the image)
        result = subprocess.run(
            step.replace("python ", f"{python} ", 1), shell=True, cwd=ROOT, env=environment,
            capture_output=True, text=True, timeout=600,
        )
        assert result.returncode == 0, f"{step}: {result.stderr}"
    assert (ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.mo").exists()
    assert any((tmp_path / "static").rglob("*.css")), "collectstatic collected the stylesheets"

    # when: the image's command, against the test database, in production mode
    database = connection.settings_dict
    port = free_port()
    command = json.loads(re.search(r"^CMD (\[.+\])$", DOCKERFILE, re.M).group(1))
    runtime = {
        **environment,
        "PATH": f"{image_venv / 'bin'}:{os.environ['PATH']}",
        "SECRET_KEY": "r" * 60,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
                        f"/{database['NAME']}",
        "ALLOWED_HOSTS": "marketplace.example.ma",
        "ALLOWED_CLIENT_HOSTS": "marketplace.example.ma",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
    }
    server = subprocess.Popen(
        [str(image_venv / "bin" / command[0]), *command[1:], "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=runtime, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and body is None:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/healthz/", headers={"Host": "marketplace.example.ma"}
                )
                with urllib.request.urlopen(request, timeout=5) as response:
                    body = (response.status, json.loads(response.read()))
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()[-3000:]
                time.sleep(0.3)
        probe = subprocess.run(
            [python, "deploy/healthcheck.py"], cwd=ROOT, env=runtime, timeout=30,
            capture_output=True, text=True,
        )
    finally:
        server.terminate()
        server.wait(20)

    # then
    assert body == (200, {"status": "ok",
                          "checks": {"database": "ok", "cache": "ok", "broker": "off"}})
    assert probe.returncode == 0, probe.stderr
