"""Bulk import of a cooperative's products from a CSV or XLSX file.

The upload is checked (type by content, size, header) and stored privately;
a Celery task then saves row by row, each row in its own savepoint: bad rows
are reported with their spreadsheet row number and skipped, good rows land.
Rows are keyed by SKU within the cooperative, so importing the same file again
updates the products instead of duplicating them. A SKU that belongs to
another cooperative's product is an error for that row, never an update.
"""

import csv
import io
import logging
import uuid
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import saleor_catalogue as catalogue
from ..errors import CooperativeErrorCode
from ..models import ImportStatus, ProductImport
from .products import (
    cooperative_product_create,
    cooperative_product_update,
    cooperative_warehouse,
    ensure_shop_open,
)

logger = logging.getLogger(__name__)

COLUMNS = (
    "sku",
    "name_fr",
    "name_ar",
    "description_fr",
    "description_ar",
    "product_type",
    "category",
    "price",
    "quantity",
    "published",
)
REQUIRED_COLUMNS = ("sku", "name_fr", "name_ar", "product_type", "category", "price")
MAX_IMPORT_SIZE = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
# A workbook is a zip: its unpacked size is bounded too (zip bombs).
MAX_XLSX_UNPACKED_SIZE = 50 * 1024 * 1024
TRUE_WORDS = {"1", "yes", "y", "true", "oui", "vrai", "x", "نعم"}
FALSE_WORDS = {"", "0", "no", "n", "false", "non", "faux", "لا"}

TEMPLATE_ROWS = (
    (
        "HUILE-ZRH-1L",
        "Huile d'olive de Zerhoune 1 L",
        "زيت زيتون زرهون 1 لتر",
        "Première pression à froid.",
        "عصرة أولى على البارد.",
        "huile-d-olive",
        "huiles",
        "95.00",
        "40",
        "oui",
    ),
)


def _invalid_file(message):
    return ValidationError(
        {"file": ValidationError(message, code=CooperativeErrorCode.INVALID_IMPORT_FILE.value)}
    )


def template_csv():
    """A CSV a cooperative can fill in: the header and one example row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return "\ufeff" + buffer.getvalue()


# --- reading files ----------------------------------------------------------------------


def sniff_kind(name, content):
    """ "csv" or "xlsx" when the bytes are what the name says; INVALID_IMPORT_FILE otherwise."""
    extension = (name or "").rsplit(".", 1)[-1].lower() if "." in (name or "") else ""
    if extension == "xlsx":
        if content[:4] == b"PK\x03\x04":
            try:
                with zipfile.ZipFile(io.BytesIO(content)) as archive:
                    members = archive.infolist()
                    unpacked = sum(member.file_size for member in members)
                    names = {member.filename for member in members}
                    if "[Content_Types].xml" in names and unpacked <= MAX_XLSX_UNPACKED_SIZE:
                        return "xlsx"
            except zipfile.BadZipFile:
                pass
        raise _invalid_file(_("This file is not an Excel (.xlsx) workbook."))
    if extension in {"csv", "txt"}:
        if b"\x00" not in content:
            try:
                content.decode("utf-8-sig")
                return "csv"
            except UnicodeDecodeError:
                pass
        raise _invalid_file(_("This file is not a CSV text file encoded in UTF-8."))
    raise _invalid_file(_("Upload a .csv or .xlsx file."))


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(content):
    text = content.decode("utf-8-sig")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx_rows(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except Exception:  # openpyxl raises many kinds on a damaged workbook
        raise _invalid_file(_("This Excel workbook cannot be read."))
    return rows


def read_rows(kind, content):
    """[(row number, {column: text})] for the data rows; the header is row 1."""
    raw_rows = _xlsx_rows(content) if kind == "xlsx" else _csv_rows(content)
    try:
        raw_rows = iter(raw_rows)
        header = next(raw_rows, None)
        if not header or not any(_cell(cell) for cell in header):
            raise _invalid_file(_("The file is empty: the first row must name the columns."))
        columns = [_cell(cell).lower() for cell in header]
        missing = [column for column in REQUIRED_COLUMNS if column not in columns]
        if missing:
            raise _invalid_file(
                _("Columns missing from the first row: %(columns)s.")
                % {"columns": ", ".join(missing)}
            )
        rows = []
        for number, raw in enumerate(raw_rows, start=2):
            values = [_cell(cell) for cell in raw]
            if not any(values):
                continue
            rows.append(
                (
                    number,
                    {
                        column: value
                        for column, value in zip(columns, values, strict=False)
                        if column
                    },
                )
            )
            if len(rows) > MAX_IMPORT_ROWS:
                raise _invalid_file(
                    _("A file can hold at most %(count)d products.") % {"count": MAX_IMPORT_ROWS}
                )
    except csv.Error:
        raise _invalid_file(_("This CSV file cannot be read."))
    return rows


# --- starting ---------------------------------------------------------------------------


def product_import_start(*, cooperative, user, uploaded_file):
    ensure_shop_open(cooperative=cooperative, user=user)
    cooperative_warehouse(cooperative)
    if uploaded_file is None:
        raise ValidationError(
            {
                "file": ValidationError(
                    _("Choose a file."), code=CooperativeErrorCode.REQUIRED.value
                )
            }
        )
    if uploaded_file.size > MAX_IMPORT_SIZE:
        raise ValidationError(
            {
                "file": ValidationError(
                    _("An import file can be at most 5 MB."),
                    code=CooperativeErrorCode.FILE_TOO_LARGE.value,
                )
            }
        )
    uploaded_file.seek(0)
    content = uploaded_file.read()
    kind = sniff_kind(uploaded_file.name, content)
    rows = read_rows(kind, content)
    if not rows:
        raise _invalid_file(_("The file has no product rows under its header."))

    product_import = ProductImport(
        cooperative=cooperative,
        original_name=(uploaded_file.name or "")[-255:],
        total_rows=len(rows),
        created_by=user,
    )
    product_import.file.save(f"{uuid.uuid4().hex}.{kind}", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            product_import.full_clean()
            product_import.save()
            transaction.on_commit(lambda: _queue(product_import.pk))
    except Exception:
        product_import.file.storage.delete(product_import.file.name)
        raise
    return product_import


def _queue(import_id):
    from ..tasks import process_product_import

    process_product_import.delay(import_id)


# --- running ----------------------------------------------------------------------------


def _parse_published(value):
    word = (value or "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(
        {
            "published": ValidationError(
                _("Write yes or no."), code=CooperativeErrorCode.INVALID.value
            )
        }
    )


def _row_data(values):
    data = {
        column: values.get(column, "")
        for column in COLUMNS
        if column != "published" and (column in values or column in REQUIRED_COLUMNS)
    }
    if "published" in values:
        data["is_published"] = _parse_published(values["published"])
    return data


def import_row(*, cooperative, user, values):
    """Create or update the product of one row; returns True when it was created."""
    data = _row_data(values)
    sku = (data.get("sku") or "").strip()
    variant = catalogue.variant_by_sku(sku) if sku else None
    if variant is None:
        cooperative_product_create(cooperative=cooperative, user=user, data=data)
        return True
    link = getattr(variant.product, "cooperative_link", None)
    if link is None or link.cooperative_id != cooperative.pk:
        raise ValidationError(
            {
                "sku": ValidationError(
                    _("This SKU belongs to a product of another seller."),
                    code=CooperativeErrorCode.PRODUCT_NOT_OWNED.value,
                )
            }
        )
    data.pop("sku")
    if "quantity" in data:
        data["variants"] = [{"sku": sku, "quantity": data.pop("quantity")}]
    cooperative_product_update(product=variant.product, user=user, data=data)
    return False


def _row_errors(number, error):
    errors_by_field = getattr(error, "error_dict", None) or {None: error.error_list}
    result = []
    for field, field_errors in errors_by_field.items():
        if field and field.startswith("variants."):
            field = field.rsplit(".", 1)[-1]
        elif field == "variants":
            field = "sku"
        elif field == "is_published":
            field = "published"
        elif field == "__all__":
            field = None
        for item in field_errors:
            code = getattr(item.code, "value", item.code) or CooperativeErrorCode.INVALID.value
            result.append(
                {"row": number, "field": field, "code": code, "message": str(item.messages[0])}
            )
    return result


def _claim(import_id):
    with transaction.atomic():
        product_import = (
            ProductImport.objects.select_for_update(of=("self",))
            .select_related("cooperative", "created_by")
            .filter(pk=import_id, status=ImportStatus.PENDING)
            .first()
        )
        if product_import is None:
            return None
        product_import.status = ImportStatus.RUNNING
        product_import.save(update_fields=["status"])
    return product_import


def _finish(product_import, status):
    product_import.status = status
    product_import.finished_at = timezone.now()
    product_import.save(
        update_fields=[
            "status",
            "finished_at",
            "processed_rows",
            "created_count",
            "updated_count",
            "row_errors",
        ]
    )


def product_import_run(*, import_id):
    """Process a pending import (the Celery task's body). Runs once per import."""
    product_import = _claim(import_id)
    if product_import is None:
        return None
    cooperative, user = product_import.cooperative, product_import.created_by
    try:
        ensure_shop_open(cooperative=cooperative, user=user)
        with product_import.file.open("rb") as stored:
            content = stored.read()
        rows = read_rows(sniff_kind(product_import.file.name, content), content)
    except (ValidationError, PermissionDenied) as error:
        if isinstance(error, PermissionDenied):
            error = ValidationError(str(error), code=CooperativeErrorCode.PERMISSION_DENIED.value)
        product_import.row_errors = _row_errors(None, error)
        _finish(product_import, ImportStatus.FAILED)
        return product_import

    product_import.total_rows = len(rows)
    product_import.save(update_fields=["total_rows"])
    try:
        for number, values in rows:
            try:
                with transaction.atomic():
                    created = import_row(cooperative=cooperative, user=user, values=values)
            except IntegrityError:
                # Another import or a member took this SKU between our check and the save.
                product_import.row_errors = [
                    *product_import.row_errors,
                    {
                        "row": number,
                        "field": "sku",
                        "code": CooperativeErrorCode.DUPLICATE_SKU.value,
                        "message": str(_("This SKU is already used by another product.")),
                    },
                ]
            except (ValidationError, PermissionDenied) as error:
                if isinstance(error, PermissionDenied):
                    error = ValidationError(
                        str(error), code=CooperativeErrorCode.PERMISSION_DENIED.value
                    )
                product_import.row_errors = [
                    *product_import.row_errors,
                    *_row_errors(number, error),
                ]
            else:
                if created:
                    product_import.created_count += 1
                else:
                    product_import.updated_count += 1
            product_import.processed_rows += 1
            product_import.save(
                update_fields=["processed_rows", "created_count", "updated_count", "row_errors"]
            )
    except Exception:
        logger.exception("Product import %s failed", product_import.pk)
        product_import.row_errors = [
            *product_import.row_errors,
            {
                "row": None,
                "field": None,
                "code": CooperativeErrorCode.INVALID.value,
                "message": str(_("The import stopped on an unexpected error.")),
            },
        ]
        _finish(product_import, ImportStatus.FAILED)
        return product_import
    _finish(product_import, ImportStatus.DONE)
    return product_import
