"""Files whose transaction rolled back are swept from S3; referenced files never are."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from saleor.product.models import ProductImage

from marketplace.cooperatives.models import Document
from marketplace.cooperatives.services.documents import document_upload
from marketplace.core.sweeper import sweep_orphaned_files
from marketplace.operations.tasks import sweep_orphaned_files as sweep_task
from tests.fixtures.cooperatives import PDF_BYTES, png_bytes
from tests.fixtures.services import s3_bucket

pytestmark = pytest.mark.django_db


class RolledBack(Exception):
    pass


@pytest.fixture
def s3_media_and_private(s3_endpoint, settings):
    private = s3_bucket(s3_endpoint, settings, "private")
    settings.AWS_PRIVATE_BUCKET_NAME = private.bucket_name
    media = s3_bucket(s3_endpoint, settings, "media")
    settings.AWS_MEDIA_BUCKET_NAME = media.bucket_name
    settings.DEFAULT_FILE_STORAGE = "marketplace.core.cloud_storages.S3MediaStorage"
    return media, private


def keys(s3):
    return {item["Key"] for item in s3.list_objects_v2(Bucket=s3.bucket_name).get("Contents", [])}


def upload_pdf(cooperative, owner):
    return document_upload(
        cooperative=cooperative, user=owner, kind="statutes",
        uploaded_file=SimpleUploadedFile("statuts.pdf", PDF_BYTES, "application/pdf"),
    )


def add_image(product):
    image = ProductImage.objects.create(
        product=product, image=SimpleUploadedFile("p.png", png_bytes((300, 300)), "image/png")
    )
    image.image.thumbnail["255x255"].url  # noqa: B018 - renders and stores the thumbnail
    return image


@pytest.fixture
def stored(s3_media_and_private, product_factory, owner, cooperative):
    """A kept image with its thumbnail, a kept document, and one orphan of each."""
    media, private = s3_media_and_private
    kept_image = add_image(product_factory())
    kept_document = upload_pdf(cooperative, owner)
    with pytest.raises(RolledBack), transaction.atomic():
        orphan_image = add_image(product_factory())
        orphan_document = upload_pdf(cooperative, owner)
        raise RolledBack
    return {
        "media": media, "private": private,
        "kept_image": kept_image, "kept_document": kept_document,
        "orphan_image": orphan_image.image.name,
        "orphan_document": f"private/{orphan_document.file.name}",
    }


def test_files_left_by_a_rolled_back_transaction_are_removed_and_reported(stored):
    # given
    media, private = stored["media"], stored["private"]
    media_before = keys(media)
    assert stored["orphan_image"] in media_before
    assert stored["orphan_document"] in keys(private)

    # when
    report = sweep_orphaned_files(grace=timedelta(0))

    # then
    removed = {name for _storage, name in report.removed}
    assert stored["orphan_image"] in removed
    assert any(name.startswith("__sized__/products/") for name in removed), removed
    assert keys(private) == {f"private/{stored['kept_document'].file.name}"}
    kept_image = stored["kept_image"].image.name
    assert {key for key in keys(media) if not key.startswith("__")} == {kept_image}
    stem = kept_image.rsplit(".", 1)[0].split("/")[-1]
    assert any(key.startswith("__sized__/") and stem in key for key in keys(media))
    assert stored["orphan_document"].removeprefix("private/") in removed


def test_a_referenced_file_is_never_removed_however_old(stored):
    # given
    kept_document = stored["kept_document"]
    kept_image = stored["kept_image"]

    # when: everything counts as old
    sweep_orphaned_files(grace=timedelta(0))
    report = sweep_orphaned_files(grace=timedelta(0))

    # then
    assert report.removed == []
    assert report.kept_referenced >= 3  # the image, its thumbnail, the document
    assert Document.objects.get(pk=kept_document.pk).file.read() == PDF_BYTES
    assert kept_image.image.storage.exists(kept_image.image.name)


def test_a_recent_orphan_is_kept_until_the_grace_period_ends(stored):
    # when
    report = sweep_orphaned_files(grace=timedelta(hours=1))

    # then
    assert report.removed == []
    assert report.kept_recent >= 3  # the orphan image, its thumbnail, the orphan document
    assert stored["orphan_image"] in keys(stored["media"])
    assert stored["orphan_document"] in keys(stored["private"])


def test_the_command_lists_what_it_removes_and_a_dry_run_removes_nothing(stored, capsys):
    # when
    call_command("sweep_orphaned_files", "--grace", "0", "--dry-run")
    dry = capsys.readouterr().out
    call_command("sweep_orphaned_files", "--grace", "0")
    real = capsys.readouterr().out

    # then
    where = f"S3MediaStorage:{stored['media'].bucket_name} {stored['orphan_image']}"
    assert f"would remove {where}" in dry
    assert "(dry run) " in dry
    assert f"removed {where}" in real
    assert stored["orphan_image"] not in keys(stored["media"])


def test_the_periodic_task_sweeps_with_the_configured_grace(stored, settings):
    # given
    settings.ORPHAN_GRACE_SECONDS = 0

    # when
    result = sweep_task.delay().get()

    # then
    assert stored["orphan_image"] in result["removed"]
    assert stored["orphan_image"] not in keys(stored["media"])
    assert settings.CELERY_BEAT_SCHEDULE["sweep-orphaned-files"]["task"] == sweep_task.name
