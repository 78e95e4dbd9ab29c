"""deploy/backup.sh and deploy/restore.sh: a seeded database comes back whole in a fresh one."""

import hashlib
import os
import subprocess
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from marketplace.cooperatives.services.documents import document_upload
from tests.fixtures.cooperatives import PDF_BYTES
from tests.payments.cash_helpers import cod_checkout

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("with_plugin")]

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = "/usr/lib/postgresql/15/bin"
FACTS = {
    "orders": "SELECT token, status, total_gross_amount, user_email FROM order_order",
    "lines": (
        "SELECT order_id, product_sku, quantity, unit_price_gross_amount FROM order_orderline"
    ),
    "payments": (
        "SELECT order_id, gateway, charge_status, total, captured_amount FROM payment_payment"
    ),
    "documents": "SELECT cooperative_id, kind, file, sha256, size FROM cooperatives_document",
}


def database_url(name):
    database = connection.settings_dict
    return f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{name}"


def facts(name):
    with psycopg2.connect(database_url(name)) as link, link.cursor() as cursor:
        result = {}
        for label, query in FACTS.items():
            cursor.execute(query)
            result[label] = sorted(map(repr, cursor.fetchall()))
        return result


def run(script, *args, url):
    return subprocess.run(
        ["sh", str(ROOT / "deploy" / script), *args],
        env={**os.environ, "DATABASE_URL": url, "PG_BIN": PG_BIN},
        capture_output=True, text=True, timeout=300,
    )


@pytest.fixture
def fresh_database():
    name = f"restored_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(database_url("postgres"))
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    yield name
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()


@pytest.fixture
def seeded(graphql, oil, thyme_honey, owner, cooperative, settings, tmp_path):
    settings.AWS_PRIVATE_BUCKET_NAME = ""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    orders = [
        cod_checkout(graphql, [(oil, 1), (thyme_honey, 2)], email=f"client{n}@example.ma")[0]
        for n in range(3)
    ]
    document = document_upload(
        cooperative=cooperative, user=owner, kind="statutes",
        uploaded_file=SimpleUploadedFile("statuts.pdf", PDF_BYTES, "application/pdf"),
    )
    return orders, document


def test_a_backup_restored_into_a_fresh_database_holds_every_order_payment_and_document(
    seeded, fresh_database, tmp_path
):
    # given
    orders, document = seeded
    source = connection.settings_dict["NAME"]
    before = facts(source)
    assert len(before["orders"]) == 3 and len(before["payments"]) == 3
    assert len(before["documents"]) == 1

    # when
    backup = run("backup.sh", str(tmp_path / "backups"), url=database_url(source))
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip())
    restore = run("restore.sh", str(dump), url=database_url(fresh_database))

    # then
    assert restore.returncode == 0, restore.stderr
    assert dump.name.startswith("terroir-") and dump.suffix == ".dump"
    assert facts(fresh_database) == before
    restored_file = facts(fresh_database)["documents"][0]
    assert document.file.name in restored_file and document.sha256 in restored_file
    stored = Path(document.file.storage.backend.path(document.file.name)).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert all(order.token in repr(facts(fresh_database)["orders"]) for order in orders)


def test_restore_refuses_a_database_that_is_not_empty(seeded, tmp_path):
    # given
    source = connection.settings_dict["NAME"]
    backup = run("backup.sh", str(tmp_path), url=database_url(source))
    before = facts(source)

    # when
    restore = run("restore.sh", backup.stdout.strip(), url=database_url(source))

    # then
    assert restore.returncode != 0
    assert "restore into an empty one" in restore.stderr
    assert facts(source) == before
