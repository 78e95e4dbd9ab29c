"""The deployment files are valid, and every variable the settings read is documented and set."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
KUBERNETES_VERSION = "1.30.0"
# Files whose environment reads make up the production configuration.
READERS = [ROOT / "marketplace" / "settings.py", DEPLOY / "gunicorn.conf.py"]
# Variables Saleor's settings read that production sets (the rest keep Saleor's default).
SALEOR_VARIABLES = {
    "ALLOWED_CLIENT_HOSTS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_MEDIA_BUCKET_NAME",
    "AWS_MEDIA_CUSTOM_DOMAIN", "AWS_S3_ENDPOINT_URL", "AWS_S3_REGION_NAME",
    "AWS_STORAGE_BUCKET_NAME", "AWS_DEFAULT_ACL", "CACHE_URL", "EMAIL_URL", "SENTRY_DSN",
    "MEDIA_URL", "STATIC_URL", "ENABLE_ACCOUNT_CONFIRMATION_BY_EMAIL",
}
ENV_READERS = {"get", "get_bool_from_env", "_rate", "setdefault", "getenv"}


def variables_read(path):
    """Names passed as the first argument to os.environ.get/[...]/setdefault and our helpers."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        # os.environ["X"] = … sets a variable for libraries (TZDIR); only reads count.
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and ast.unparse(node.value) == "os.environ"
        ):
            key = node.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                names.add(key.value)
        if isinstance(node, ast.Call) and node.args:
            function = ast.unparse(node.func)
            first = node.args[0]
            reads_env = function.startswith("os.environ.") or function in {
                "get_bool_from_env", "_rate", "os.getenv"
            }
            if (
                reads_env and function.rsplit(".", 1)[-1] in ENV_READERS
                and isinstance(first, ast.Constant) and isinstance(first.value, str)
                and re.fullmatch(r"[A-Z][A-Z0-9_]+", first.value)
            ):
                names.add(first.value)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "dj_database_url.config":
            names.add("DATABASE_URL")
    return names


def documented_variables():
    names = set()
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        match = re.match(r"([A-Z][A-Z0-9_]*)=", line)
        if match:
            names.add(match.group(1))
    return names


def kubernetes_documents():
    for path in sorted((DEPLOY / "kubernetes").glob("*.yaml")):
        yield from (document for document in yaml.safe_load_all(path.read_text()) if document)


def kubernetes_variables():
    """ConfigMap keys plus every variable a container takes from a Secret."""
    config, secret = {}, set()
    for document in kubernetes_documents():
        if document["kind"] == "ConfigMap":
            config.update(document["data"])
        pod = document.get("spec", {}).get("template", {}).get("spec", {})
        for container in pod.get("containers", []) + pod.get("initContainers", []):
            for variable in container.get("env", []):
                if "secretKeyRef" in variable.get("valueFrom", {}):
                    secret.add(variable["name"])
    return config, secret


def test_every_variable_the_settings_read_is_documented_and_set_in_kubernetes():
    # given
    read = set().union(*map(variables_read, READERS)) | SALEOR_VARIABLES
    config, secret = kubernetes_variables()

    # then
    assert {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "CONTENT_SECURITY_POLICY"} <= read
    assert sorted(read - documented_variables()) == [], "add them to deploy/.env.example"
    assert sorted(read - set(config) - secret) == [], "set them in deploy/kubernetes"
    assert not set(config) & secret, "a variable comes from either the ConfigMap or the Secret"
    assert config["DEBUG"] == "False"


def test_secrets_are_referenced_never_embedded():
    # given
    kinds = [document["kind"] for document in kubernetes_documents()]
    config, secret = kubernetes_variables()

    # then
    assert "Secret" not in kinds
    assert {"SECRET_KEY", "DATABASE_URL", "AWS_SECRET_ACCESS_KEY", "CACHE_URL"} <= secret
    assert not {"SECRET_KEY", "AWS_SECRET_ACCESS_KEY", "STRIPE_SECRET_KEY"} & set(config)


def test_the_compose_file_follows_the_compose_specification():
    # when
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec",
         str(DEPLOY / "compose.yaml")],
        capture_output=True, text=True, timeout=120,
    )

    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_a_broken_compose_file_is_refused(tmp_path):
    # given: a typo'd key, as a person might make
    broken = tmp_path / "compose.yaml"
    broken.write_text((DEPLOY / "compose.yaml").read_text().replace("restart:", "restrat:", 1))

    # when
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec", str(broken)],
        capture_output=True, text=True, timeout=120,
    )

    # then
    assert result.returncode != 0


def test_the_kubernetes_manifests_are_valid_for_their_api_versions():
    # given
    manifests = [
        path for path in sorted((DEPLOY / "kubernetes").glob("*.yaml"))
        if path.name != "kustomization.yaml"  # kustomize's own file, not an API object
    ]

    # when
    result = subprocess.run(
        [str(BIN / "kubernetes-validate"), "--strict", "-k", KUBERNETES_VERSION,
         *map(str, manifests)],
        capture_output=True, text=True, timeout=300,
    )

    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ERROR" not in result.stdout + result.stderr


def test_a_misspelt_field_in_a_manifest_is_refused(tmp_path):
    # given
    broken = tmp_path / "web.yaml"
    web = (DEPLOY / "kubernetes" / "web.yaml").read_text()
    broken.write_text(web.replace("readinessProbe", "readynessProbe"))

    # when
    result = subprocess.run(
        [str(BIN / "kubernetes-validate"), "--strict", "-k", KUBERNETES_VERSION, str(broken)],
        capture_output=True, text=True, timeout=300,
    )

    # then
    assert result.returncode != 0


def test_the_kustomization_lists_every_manifest_but_the_migration_job():
    # given
    kustomization = yaml.safe_load((DEPLOY / "kubernetes" / "kustomization.yaml").read_text())
    manifests = {
        path.name for path in (DEPLOY / "kubernetes").glob("*.yaml")
        if path.name not in {"kustomization.yaml", "migrate-job.yaml"}
    }

    # then
    assert set(kustomization["resources"]) == manifests


def test_a_single_beat_that_stops_before_its_successor_starts():
    # given
    beat = next(
        document for document in kubernetes_documents()
        if document["kind"] == "Deployment" and document["metadata"]["name"] == "terroir-beat"
    )

    # then
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
