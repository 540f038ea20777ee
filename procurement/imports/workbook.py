"""The purchase-order workbook: the template a buyer downloads, and reading an upload back into
raw rows.

An upload is judged by its bytes, never its name: an ``.xlsx`` is a ZIP holding
``xl/workbook.xml``. Before openpyxl sees it, the container is checked, so each kind of wrong file
gets its own message: an old ``.xls`` or a password-protected workbook (both OLE compound files;
Excel wraps an encrypted ``.xlsx`` in one, with an ``EncryptedPackage`` stream), a macro-enabled
workbook (``xl/vbaProject.bin``), a CSV or an HTML page saved as ``.xls``, and a ZIP that would
unpack to far more than a real order sheet (a ZIP bomb). openpyxl then reads it in ``read_only``
mode, which streams the sheet instead of building every cell in memory.
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..exceptions import ProcurementError

COLUMNS = ("商品编号", "商品名称", "数量", "配送地址", "要求到货日期", "备注")
ORDER_SHEET = "采购明细"
REFERENCE_SHEET = "可选商品与地址"

#: The most rows (with anything in them, under the header) one file may hold.
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
#: What the ZIP may unpack to: a full 5,000-row sheet is a few MB of XML.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


class WorkbookRefused(ProcurementError):
    """The whole file was refused (not an xlsx, empty, wrong header, too big …)."""

    default_message = gettext_lazy("无法读取该文件，请使用下载的模板（.xlsx）。")


@dataclass(frozen=True)
class SheetRow:
    """One row under the header as its cells hold it (strings, numbers, dates or None)."""

    number: int
    code: object
    name: object
    quantity: object
    address: object
    date: object
    note: object


def _container_check(data):
    if not data:
        raise WorkbookRefused(_("文件是空的。"))
    if len(data) > MAX_BYTES:
        raise WorkbookRefused(_("文件超过 5 MB，请分成几个文件上传。"))
    if data.startswith(OLE_SIGNATURE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise WorkbookRefused(_("文件设置了密码，请在 Excel 中取消密码后再上传。"))
        raise WorkbookRefused(_("这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再上传。"))
    if not data.startswith(ZIP_SIGNATURE):
        raise WorkbookRefused(_("不是 Excel（.xlsx）文件，请使用下载的模板。"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError) as error:
        raise WorkbookRefused(_("文件已损坏，无法读取。")) from error
    if "xl/workbook.xml" not in names:
        raise WorkbookRefused(_("不是 Excel（.xlsx）文件，请使用下载的模板。"))
    if "xl/vbaProject.bin" in names or b"macroEnabled" in content_types:
        raise WorkbookRefused(_("不接受含宏的文件（.xlsm），请另存为普通的 .xlsx 后再上传。"))
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise WorkbookRefused(_("文件内容过大，无法读取。"))


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def workbook_rows(file, *, progress=None, columns=COLUMNS, row_class=SheetRow, nothing=None):
    """The rows of the first sheet of the uploaded ``file`` (a file object) under its header,
    each a ``row_class(number, *cells)``, skipping empty rows; ``progress(rows read)`` is called
    every 500 rows. ``columns`` is the header the sheet must have (the purchase-order sheet's
    unless another template is read) and ``nothing`` the message for a sheet without rows.

    Raises ``WorkbookRefused`` with one message for the whole file: empty, over 5 MB or
    :data:`MAX_ROWS` rows, not an xlsx, an ``.xls``, password-protected, macro-enabled, or a
    header other than ``columns``.
    """
    file.seek(0)
    data = file.read(MAX_BYTES + 1)
    _container_check(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds (KeyError, ValueError …) on bad parts
        raise WorkbookRefused(_("文件已损坏，无法读取。")) from error
    try:
        if not book.worksheets:
            raise WorkbookRefused(_("文件是空的。"))
        cells = book.worksheets[0].iter_rows(values_only=True)
        header = next(cells, None)
        if header is None:
            raise WorkbookRefused(_("文件是空的。"))
        found = tuple(str(value).strip() if value is not None else "" for value in header[: len(columns)])
        if found != columns or any(not _blank(value) for value in header[len(columns) :]):
            raise WorkbookRefused(
                _("表头不对：第一行应依次为 %(columns)s。请使用下载的模板。")
                % {"columns": "、".join(columns)}
            )
        rows = []
        for number, values in enumerate(cells, start=2):
            values = (tuple(values) + (None,) * len(columns))[: len(columns)]
            if all(_blank(value) for value in values):
                continue
            if len(rows) == MAX_ROWS:
                raise WorkbookRefused(
                    _("文件超过 %(max)s 行，请分成几个文件上传。") % {"max": f"{MAX_ROWS:,}"}
                )
            rows.append(row_class(number, *values))
            if progress and len(rows) % 500 == 0:
                progress(len(rows))
    finally:
        book.close()
    if not rows:
        raise WorkbookRefused(nothing or _("文件中没有商品行。"))
    return rows


def text_of(value):
    """A cell as text: a code typed as a number (6901234567890) without its ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def date_of(value):
    """The date a cell holds: an Excel date, or text such as ``2026-12-08``, ``2026/12/8`` or
    ``2026年12月8日``; None when empty. Raises ``ValueError`` when it cannot be read as a date
    (a bare number is refused: it may be a serial that lost its date format, or a typo)."""
    if _blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = DATE_TEXT.match(str(value).strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(value)
    return datetime.date(*(int(part) for part in match.groups()))


# --- The template -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateProduct:
    code: str
    name: str
    cooperative: str
    unit: str
    min_quantity: int
    retail_price: Decimal
    tiers: str


HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2E7D32")


def _cell(sheet, row, column, value):
    """Writes ``value`` into the cell; text stays text even when it starts with ``=``: a product
    or cooperative name typed as ``=HYPERLINK(…)`` must not become a formula in the buyer's Excel."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _header(sheet, titles, *, column=1):
    for offset, title in enumerate(titles):
        cell = _cell(sheet, 1, column + offset, title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(horizontal="center")


def template_workbook(*, address_labels, products, prefilled):
    """The template as ``.xlsx`` bytes: the order sheet with :data:`COLUMNS`, one row per
    ``prefilled`` product (quantity left empty), a list check on 配送地址 and a reference sheet
    of ``address_labels`` and the orderable ``products`` (:class:`TemplateProduct`)."""
    book = Workbook()
    sheet = book.active
    sheet.title = ORDER_SHEET
    _header(sheet, COLUMNS)
    for width, column in zip((16, 30, 10, 20, 16, 30), range(1, 7), strict=True):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    for row, product in enumerate(prefilled, start=2):
        _cell(sheet, row, 1, product.code)
        _cell(sheet, row, 2, product.name)
    sheet.column_dimensions["E"].number_format = "yyyy-mm-dd"

    reference = book.create_sheet(REFERENCE_SHEET)
    _header(reference, ["收货地址"])
    for row, label in enumerate(address_labels, start=2):
        _cell(reference, row, 1, label)
    titles = ["商品编号", "商品名称", "合作社", "单位", "起订量", "零售价（元）", "阶梯价"]
    _header(reference, titles, column=3)
    for row, product in enumerate(products, start=2):
        values = (
            product.code,
            product.name,
            product.cooperative,
            product.unit,
            product.min_quantity,
            float(product.retail_price),
            product.tiers,
        )
        for offset, value in enumerate(values):
            _cell(reference, row, 3 + offset, value)
    for width, column in zip((20, 2, 16, 30, 24, 14, 8, 12, 40), range(1, 10), strict=True):
        reference.column_dimensions[get_column_letter(column)].width = width

    if address_labels:
        # Labels with a comma cannot go in an inline list; a range of the reference sheet can.
        choices = DataValidation(
            type="list",
            formula1=f"'{REFERENCE_SHEET}'!$A$2:$A${len(address_labels) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="配送地址",
            error="请从列表中选择本单位的收货地址。",
        )
        choices.add(f"D2:D{MAX_ROWS + 1}")
        sheet.add_data_validation(choices)
    quantities = DataValidation(
        type="whole",
        operator="greaterThan",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="数量",
        error="数量必须是正整数。",
    )
    quantities.add(f"C2:C{MAX_ROWS + 1}")
    sheet.add_data_validation(quantities)

    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
