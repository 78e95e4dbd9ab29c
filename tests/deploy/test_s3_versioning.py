"""Files are not in the database backup: a versioned bucket keeps what was removed.

On SeaweedFS, whose buckets the fixture versions as deploy/compose.yaml's
s3-buckets job does (deploy/README.md, "Backups and S3 versioning").
"""

from datetime import timedelta

import pytest
from botocore.exceptions import ClientError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from marketplace.cooperatives.services.documents import document_upload
from marketplace.core.sweeper import sweep_orphaned_files
from tests.fixtures.cooperatives import pdf_bytes

pytestmark = pytest.mark.django_db


class RolledBack(Exception):
    pass


def test_a_document_the_sweeper_removed_can_be_recovered_from_its_versions(
    seaweedfs_storages, owner, cooperative
):
    # given: a document stored by a transaction that then rolled back
    s3 = seaweedfs_storages.client()
    bucket = seaweedfs_storages.private_bucket
    content = pdf_bytes(pages=3)
    with pytest.raises(RolledBack), transaction.atomic():
        document = document_upload(
            cooperative=cooperative, user=owner, kind="statutes",
            uploaded_file=SimpleUploadedFile("statuts.pdf", content, "application/pdf"),
        )
        raise RolledBack
    key = f"private/{document.file.name}"
    report = sweep_orphaned_files(grace=timedelta(0))
    assert document.file.name in {name for _storage, name in report.removed}
    with pytest.raises(ClientError):
        s3.head_object(Bucket=bucket, Key=key)

    # when: the delete marker is removed, as an operator restoring it would
    versions = s3.list_object_versions(Bucket=bucket, Prefix=key)
    (marker,) = versions["DeleteMarkers"]
    s3.delete_object(Bucket=bucket, Key=key, VersionId=marker["VersionId"])

    # then
    assert [version["IsLatest"] for version in versions["Versions"]] == [False]
    assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == content
