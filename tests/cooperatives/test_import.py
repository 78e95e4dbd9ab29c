from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from saleor.product.models import Product
from saleor.warehouse.models import Stock

from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.models import CooperativeStatus, ImportStatus, ProductImport
from marketplace.cooperatives.services import importing
from marketplace.cooperatives.services.importing import product_import_run, product_import_start
from tests.fixtures.cooperatives import PDF_BYTES, make_cooperative

from .shop_helpers import (
    HEADER,
    create_product,
    csv_bytes,
    give_warehouse,
    import_rows,
    snapshot,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(approved_cooperative, shipping_zone):
    give_warehouse(approved_cooperative, shipping_zone)
    return approved_cooperative


@pytest.fixture
def other_shop(other_cooperative, shipping_zone):
    give_warehouse(other_cooperative, shipping_zone)
    return other_cooperative


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.fixture
def rows(product_type, category):
    return import_rows(product_type.slug, category.slug)


def run_import(shop, user, name, content, capture):
    with capture(execute=True):
        product_import = product_import_start(
            cooperative=shop, user=user, uploaded_file=SimpleUploadedFile(name, content)
        )
    return ProductImport.objects.get(pk=product_import.pk)


def error_code(excinfo, field):
    return [error.code for error in excinfo.value.error_dict[field]]


def test_csv_with_three_good_and_two_bad_rows_lands_three_products(
    shop, owner, rows, django_capture_on_commit_callbacks
):
    # when
    product_import = run_import(
        shop, owner, "produits.csv", csv_bytes(rows), django_capture_on_commit_callbacks
    )

    # then
    assert product_import.status == ImportStatus.DONE
    assert product_import.finished_at is not None
    assert (product_import.total_rows, product_import.processed_rows) == (5, 5)
    assert (product_import.created_count, product_import.updated_count) == (3, 0)
    assert [
        (error["row"], error["field"], error["code"]) for error in product_import.row_errors
    ] == [
        (4, "price", CooperativeErrorCode.INVALID.value),
        (6, "category", CooperativeErrorCode.NOT_FOUND.value),
    ]
    assert all(error["message"] for error in product_import.row_errors)
    products = Product.objects.filter(cooperative_link__cooperative=shop)
    assert sorted(products.values_list("variants__sku", flat=True)) == [
        "AMLOU-250",
        "COUS-1KG",
        "ZIT-1L",
    ]
    amlou = products.get(variants__sku="AMLOU-250")
    assert amlou.translations.get(language_code="ar").name == "أملو 250 غ"
    assert amlou.is_published
    assert not products.get(variants__sku="COUS-1KG").is_published
    assert products.get(variants__sku="ZIT-1L").price_amount == Decimal("95.50")
    assert (
        Stock.objects.get(product_variant__sku="AMLOU-250", warehouse=shop.warehouse).quantity
        == 20
    )


def test_reimporting_the_same_file_updates_instead_of_duplicating(
    shop, owner, rows, django_capture_on_commit_callbacks
):
    # given
    run_import(shop, owner, "produits.csv", csv_bytes(rows), django_capture_on_commit_callbacks)

    # when
    second = run_import(
        shop, owner, "produits.csv", csv_bytes(rows), django_capture_on_commit_callbacks
    )

    # then
    assert (second.created_count, second.updated_count) == (0, 3)
    assert len(second.row_errors) == 2
    assert Product.objects.count() == 3


def test_reimport_changes_price_and_stock_of_existing_products(
    shop, owner, rows, django_capture_on_commit_callbacks
):
    # given
    run_import(shop, owner, "produits.csv", csv_bytes(rows), django_capture_on_commit_callbacks)
    rows[1][7], rows[1][8] = "80.00", "2"

    # when
    run_import(shop, owner, "produits.csv", csv_bytes(rows), django_capture_on_commit_callbacks)

    # then
    product = Product.objects.get(variants__sku="AMLOU-250")
    assert product.price_amount == Decimal("80.00")
    assert product.minimal_variant_price_amount == Decimal("80.00")
    assert Stock.objects.get(product_variant__sku="AMLOU-250").quantity == 2


def test_semicolon_separated_csv_works(shop, owner, rows, django_capture_on_commit_callbacks):
    # when
    product_import = run_import(
        shop,
        owner,
        "produits.csv",
        csv_bytes(rows, delimiter=";"),
        django_capture_on_commit_callbacks,
    )

    # then
    assert product_import.created_count == 3
    assert [error["row"] for error in product_import.row_errors] == [4, 6]


def test_xlsx_works_the_same(shop, owner, rows, django_capture_on_commit_callbacks):
    # given
    rows[1][7], rows[1][8] = 75.0, 20

    # when
    first = run_import(
        shop, owner, "produits.xlsx", xlsx_bytes(rows), django_capture_on_commit_callbacks
    )
    second = run_import(
        shop, owner, "produits.xlsx", xlsx_bytes(rows), django_capture_on_commit_callbacks
    )

    # then
    assert (first.created_count, first.updated_count) == (3, 0)
    assert [error["row"] for error in first.row_errors] == [4, 6]
    assert (second.created_count, second.updated_count) == (0, 3)
    assert Product.objects.count() == 3
    assert Stock.objects.get(product_variant__sku="AMLOU-250").quantity == 20


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("produits.xlsx", b"sku,name_fr,name_ar\nA,B,C\n"),
        ("produits.xlsx", PDF_BYTES),
        ("produits.xlsx", b"PK\x03\x04 not really a zip"),
        ("produits.csv", b"\xff\xfe\x00s\x00k\x00u"),
        ("produits.csv", "sku;name_fr\nA;B\n".encode("latin-1") + b"\xe9\xe8"),
        ("produits.pdf", PDF_BYTES),
        ("produits.csv", b"sku,name_fr\nA,B\n"),
        ("produits.csv", b""),
        ("produits.csv", ",".join(HEADER).encode() + b"\n"),
    ],
)
def test_a_file_that_is_not_a_product_table_is_refused_and_not_stored(
    shop, owner, private_root, name, content
):
    # when
    with pytest.raises(ValidationError) as excinfo:
        product_import_start(
            cooperative=shop, user=owner, uploaded_file=SimpleUploadedFile(name, content)
        )

    # then
    assert error_code(excinfo, "file") == [CooperativeErrorCode.INVALID_IMPORT_FILE.value]
    assert ProductImport.objects.count() == 0
    assert stored_files(private_root) == []


def test_a_file_over_the_size_limit_is_refused(shop, owner, rows, private_root, monkeypatch):
    # given
    monkeypatch.setattr(importing, "MAX_IMPORT_SIZE", 100)

    # when
    with pytest.raises(ValidationError) as excinfo:
        product_import_start(
            cooperative=shop,
            user=owner,
            uploaded_file=SimpleUploadedFile("produits.csv", csv_bytes(rows)),
        )

    # then
    assert error_code(excinfo, "file") == [CooperativeErrorCode.FILE_TOO_LARGE.value]
    assert ProductImport.objects.count() == 0
    assert stored_files(private_root) == []


def test_a_sku_of_another_cooperative_is_a_row_error_and_its_product_is_unchanged(
    shop,
    owner,
    other_shop,
    other_member,
    product_type,
    category,
    rows,
    django_capture_on_commit_callbacks,
):
    # given
    theirs = create_product(other_shop, other_member, product_type, category, sku="ZIT-1L")
    before = snapshot(theirs)

    # when
    product_import = run_import(
        shop, owner, "produits.csv", csv_bytes(rows), django_capture_on_commit_callbacks
    )

    # then
    assert {"row": 3, "field": "sku", "code": CooperativeErrorCode.PRODUCT_NOT_OWNED.value} in [
        {key: error[key] for key in ("row", "field", "code")}
        for error in product_import.row_errors
    ]
    assert product_import.created_count == 2
    assert snapshot(theirs) == before


def test_progress_is_saved_row_by_row_while_running(
    shop, owner, rows, monkeypatch, django_capture_on_commit_callbacks
):
    # given
    product_import = product_import_start(
        cooperative=shop,
        user=owner,
        uploaded_file=SimpleUploadedFile("produits.csv", csv_bytes(rows)),
    )
    seen = []
    real_import_row = importing.import_row

    def watching_import_row(**kwargs):
        current = ProductImport.objects.get(pk=product_import.pk)
        seen.append((current.status, current.processed_rows))
        return real_import_row(**kwargs)

    monkeypatch.setattr(importing, "import_row", watching_import_row)

    # when
    product_import_run(import_id=product_import.pk)

    # then
    assert seen == [(ImportStatus.RUNNING, number) for number in range(5)]
    assert ProductImport.objects.get(pk=product_import.pk).status == ImportStatus.DONE


def test_an_import_runs_only_once(shop, owner, rows, django_capture_on_commit_callbacks):
    # given
    product_import = run_import(
        shop, owner, "produits.csv", csv_bytes(rows), django_capture_on_commit_callbacks
    )

    # when
    again = product_import_run(import_id=product_import.pk)

    # then
    assert again is None
    assert ProductImport.objects.get(pk=product_import.pk).created_count == 3
    assert Product.objects.count() == 3


def test_start_queues_the_task_on_commit(shop, owner, rows, django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        product_import = product_import_start(
            cooperative=shop,
            user=owner,
            uploaded_file=SimpleUploadedFile("produits.csv", csv_bytes(rows)),
        )

    # then
    assert product_import.status == ImportStatus.PENDING
    assert product_import.total_rows == 5
    assert len(callbacks) == 1
    assert Product.objects.count() == 0


@pytest.mark.parametrize(
    "actor_name",
    ["anonymous", "customer", "other_cooperative_member", "staff_without_permission", "reviewer"],
)
def test_only_members_start_an_import(actors, shop, rows, private_root, actor_name):
    # when
    with pytest.raises(PermissionDenied):
        product_import_start(
            cooperative=shop,
            user=actors[actor_name],
            uploaded_file=SimpleUploadedFile("produits.csv", csv_bytes(rows)),
        )

    # then
    assert ProductImport.objects.count() == 0
    assert stored_files(private_root) == []


def test_a_cooperative_not_yet_approved_cannot_import(owner, shipping_zone, rows, private_root):
    # given
    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.SUBMITTED)
    give_warehouse(cooperative, shipping_zone)

    # when
    with pytest.raises(ValidationError) as excinfo:
        product_import_start(
            cooperative=cooperative,
            user=owner,
            uploaded_file=SimpleUploadedFile("produits.csv", csv_bytes(rows)),
        )

    # then
    assert error_code(excinfo, "cooperative") == [CooperativeErrorCode.NOT_APPROVED.value]
    assert stored_files(private_root) == []


def test_an_import_queued_before_a_suspension_fails_without_touching_products(shop, owner, rows):
    # given
    product_import = product_import_start(
        cooperative=shop,
        user=owner,
        uploaded_file=SimpleUploadedFile("produits.csv", csv_bytes(rows)),
    )
    shop.status = CooperativeStatus.SUSPENDED
    shop.save()

    # when
    product_import_run(import_id=product_import.pk)

    # then
    product_import.refresh_from_db()
    assert product_import.status == ImportStatus.FAILED
    assert product_import.row_errors[0]["code"] == CooperativeErrorCode.NOT_APPROVED.value
    assert Product.objects.count() == 0


def test_the_csv_template_is_a_valid_import(
    shop, owner, product_type, category, django_capture_on_commit_callbacks
):
    # given
    product_type.slug, category.slug = "huile-d-olive", "huiles"
    product_type.save()
    category.save()
    content = importing.template_csv().encode("utf-8")

    # when
    product_import = run_import(
        shop, owner, "modele.csv", content, django_capture_on_commit_callbacks
    )

    # then
    assert product_import.row_errors == []
    assert product_import.created_count == 1


@pytest.fixture
def worker_private_root(tmp_path, monkeypatch, settings):
    # Set before the worker starts: it inherits the environment, not our settings.
    root = tmp_path / "worker-private"
    monkeypatch.setenv("PRIVATE_MEDIA_ROOT", str(root))
    settings.PRIVATE_MEDIA_ROOT = str(root)
    return root


@pytest.mark.django_db(transaction=True)
def test_import_runs_once_on_a_real_worker_over_redis(
    worker_private_root, celery_worker_process, shipping_zone, product_type, category
):
    # given
    import time

    from celery.result import EagerResult

    from marketplace.cooperatives.tasks import process_product_import
    from tests.fixtures.cooperatives import make_user

    owner = make_user("worker-owner@example.com")
    shop = make_cooperative(owner=owner, status=CooperativeStatus.APPROVED)
    give_warehouse(shop, shipping_zone)
    started = product_import_start(
        cooperative=shop,
        user=owner,
        uploaded_file=SimpleUploadedFile(
            "produits.csv", csv_bytes(import_rows(product_type.slug, category.slug))
        ),
    )

    # when (committed at once, start already queued it: a second send must be a no-op)
    result = process_product_import.delay(started.pk)

    # then
    assert not isinstance(result, EagerResult), "the task must travel through Redis"
    deadline = time.monotonic() + 90  # a loaded 2-core machine starts the worker slowly
    product_import = ProductImport.objects.get(pk=started.pk)
    while time.monotonic() < deadline and product_import.status != ImportStatus.DONE:
        time.sleep(0.2)
        product_import.refresh_from_db()
    assert product_import.status == ImportStatus.DONE
    assert (product_import.created_count, len(product_import.row_errors)) == (3, 2)
    assert Product.objects.count() == 3
