"""Remove stored files that no row references any more (orphans).

A file is saved before the row naming it is committed; when that transaction
rolls back (Django 3.0 has no on-rollback hook), the file stays in storage
with nothing pointing at it. The sweeper finds such files and removes them.

What counts as referenced is discovered, not listed: every FileField and
ImageField of every installed model (Saleor's included) names files in its
storage; a versatileimagefield rendition (thumbnail, filtered copy) is
referenced when its original is, and placeholders always are. Only the
folders those fields write into are swept, and only files older than the
grace period: a file being saved now is never taken, because the files are
listed before the references are read.
"""

import logging
import posixpath
from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.db import models
from django.utils import timezone
from versatileimagefield.settings import VERSATILEIMAGEFIELD_PLACEHOLDER_DIRNAME

from .storages import RENDITION_DIRNAMES

logger = logging.getLogger(__name__)


@dataclass
class StoredArea:
    """One storage, the folders our fields write into, and the names rows hold."""

    storage: object
    label: str
    folders: set = field(default_factory=set)
    fields: list = field(default_factory=list)
    referenced: set = field(default_factory=set)


@dataclass
class SweepReport:
    removed: list = field(default_factory=list)  # (storage label, name)
    kept_referenced: int = 0
    kept_recent: int = 0

    def __str__(self):
        return (
            f"{len(self.removed)} orphaned file(s) removed, {self.kept_referenced} referenced "
            f"and {self.kept_recent} recent file(s) kept"
        )


def file_fields():
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                yield model, model_field


def top_folder(name):
    return name.split("/", 1)[0] if "/" in name else ""


def upload_folder(model, model_field):
    upload_to = model_field.upload_to
    if callable(upload_to):
        try:
            upload_to = upload_to(model(), "name")
        except Exception:  # noqa: BLE001 - the names rows hold still tell the folder
            return None
    return top_folder(timezone.now().strftime(str(upload_to)) + "/") or None


def storage_label(storage):
    storage = getattr(storage, "backend", storage)
    for attribute in ("bucket_name", "location"):
        if getattr(storage, attribute, None):
            return f"{storage.__class__.__name__}:{getattr(storage, attribute)}"
    return storage.__class__.__name__


def discover_areas():
    areas = {}
    for model, model_field in file_fields():
        storage = model_field.storage
        area = areas.setdefault(id(storage), StoredArea(storage, storage_label(storage)))
        area.fields.append((model, model_field))
        folder = upload_folder(model, model_field)
        if folder:
            area.folders.add(folder)
    return list(areas.values())


def read_references(area):
    area.referenced = set()
    for model, model_field in area.fields:
        names = (
            model._base_manager.exclude(**{model_field.attname: ""})
            .exclude(**{f"{model_field.attname}__isnull": True})
            .values_list(model_field.attname, flat=True)
        )
        area.referenced.update(names.iterator())
    area.folders.update(filter(None, map(top_folder, area.referenced)))


def walk(storage, folder):
    try:
        directories, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield posixpath.join(folder, name) if folder else name
    for directory in directories:
        yield from walk(storage, posixpath.join(folder, directory) if folder else directory)


def is_referenced(name, referenced, stems_by_folder):
    if name in referenced:
        return True
    parts = name.split("/")
    rendition_parts = [part for part in parts[:-1] if part in RENDITION_DIRNAMES]
    if not rendition_parts:
        return False
    if VERSATILEIMAGEFIELD_PLACEHOLDER_DIRNAME in rendition_parts:
        return True
    original_folder = "/".join(part for part in parts[:-1] if part not in RENDITION_DIRNAMES)
    filename = parts[-1]
    # versatileimagefield names a rendition "<original stem>-<key>-<size>.<ext>"
    # or "<original stem>__<filter>__.<ext>".
    return any(
        filename.startswith(f"{stem}-") or filename.startswith(f"{stem}__")
        for stem in stems_by_folder.get(original_folder, ())
    )


def stems(referenced):
    by_folder = {}
    for name in referenced:
        folder, filename = posixpath.split(name)
        by_folder.setdefault(folder, set()).add(posixpath.splitext(filename)[0])
    return by_folder


def sweep_orphaned_files(*, grace=timedelta(hours=24), dry_run=False, now=None):
    """Remove unreferenced files older than ``grace``; return what was removed and kept."""
    now = now or timezone.now()
    report = SweepReport()
    for area in discover_areas():
        read_references(area)  # first pass: the folders rows point into
        folders = set(area.folders)
        if area.fields and any(
            isinstance(model_field, models.ImageField) for _model, model_field in area.fields
        ):
            folders.update(RENDITION_DIRNAMES)
        candidates = [name for folder in sorted(folders) for name in walk(area.storage, folder)]
        # References are read after listing: a row committed meanwhile still protects its file.
        read_references(area)
        stems_by_folder = stems(area.referenced)
        for name in candidates:
            if is_referenced(name, area.referenced, stems_by_folder):
                report.kept_referenced += 1
                continue
            try:
                modified = getattr(area.storage, "backend", area.storage).get_modified_time(name)
            except (FileNotFoundError, OSError):
                continue
            if now - modified < grace:
                report.kept_recent += 1
                continue
            if not dry_run:
                area.storage.delete(name)
            report.removed.append((area.label, name))
            logger.info(
                "orphaned file removed" if not dry_run else "orphaned file found",
                extra={"storage": area.label, "file": name},
            )
    return report
