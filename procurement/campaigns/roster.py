"""The member roster as Excel: the template a union downloads, and an upload checked row by row.

An upload is all or nothing: every row is checked (a name, a mainland mobile, no mobile twice)
and any problem of any row is listed with its row number; only a file without problems is
imported. The file itself is refused as the purchase-order import refuses it (not an xlsx,
macros, a password, a ZIP bomb …)."""

import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from procurement.imports.workbook import _cell, _header, text_of, workbook_rows
from shop.users.validators import validate_mainland_mobile

COLUMNS = ("姓名", "手机号", "部门", "工号")
SHEET = "会员名册"
MAX_NAME = 50
MAX_DEPARTMENT = 100
MAX_STAFF_NUMBER = 30
#: What people type into a phone cell besides the digits: spaces, dashes, a +86 prefix.
MOBILE_NOISE = re.compile(r"[\s\-]|^\+?86(?=1\d{10}$)")


@dataclass(frozen=True)
class SheetMember:
    number: int
    name: object
    mobile: object
    department: object
    staff_number: object


@dataclass(frozen=True)
class RosterRow:
    """A checked row: what the roster keeps of it."""

    number: int
    name: str
    mobile: str
    department: str
    staff_number: str

    def fields(self):
        return {
            "name": self.name,
            "mobile": self.mobile,
            "department": self.department,
            "staff_number": self.staff_number,
        }


@dataclass(frozen=True)
class RowProblem:
    number: int
    message: str


def _mobile(value):
    return MOBILE_NOISE.sub("", text_of(value))


def _row_check(row, seen):
    """``(RosterRow or None, [messages])`` for one sheet row; ``seen`` maps each mobile read so
    far to its row number."""
    problems = []
    name, mobile = text_of(row.name), _mobile(row.mobile)
    department, staff_number = text_of(row.department), text_of(row.staff_number)
    if not name:
        problems.append(_("缺少姓名"))
    elif len(name) > MAX_NAME:
        problems.append(_("姓名超过 %(max)s 个字") % {"max": MAX_NAME})
    if not mobile:
        problems.append(_("缺少手机号"))
    else:
        try:
            validate_mainland_mobile(mobile)
        except ValidationError:
            problems.append(_("手机号“%(mobile)s”不是 11 位大陆手机号") % {"mobile": text_of(row.mobile)})
        else:
            if mobile in seen:
                problems.append(
                    _("手机号 %(mobile)s 与第 %(row)s 行重复") % {"mobile": mobile, "row": seen[mobile]}
                )
            else:
                seen[mobile] = row.number
    if len(department) > MAX_DEPARTMENT:
        problems.append(_("部门超过 %(max)s 个字") % {"max": MAX_DEPARTMENT})
    if len(staff_number) > MAX_STAFF_NUMBER:
        problems.append(_("工号超过 %(max)s 个字符") % {"max": MAX_STAFF_NUMBER})
    if problems:
        return None, problems
    return RosterRow(row.number, name, mobile, department, staff_number), []


def roster_read(file):
    """``(rows, problems)`` of an uploaded roster: checked :class:`RosterRow` s, and a
    :class:`RowProblem` per problem (empty when the file can be imported).

    Raises ``WorkbookRefused`` when the file itself cannot be read."""
    sheet_rows = workbook_rows(file, columns=COLUMNS, row_class=SheetMember, nothing=_("文件中没有会员行。"))
    seen, rows, problems = {}, [], []
    for sheet_row in sheet_rows:
        row, messages = _row_check(sheet_row, seen)
        if row is not None:
            rows.append(row)
        problems.extend(RowProblem(sheet_row.number, message) for message in messages)
    return rows, problems


def roster_template(members=()):
    """The roster sheet as ``.xlsx`` bytes: the header, and ``members`` (the roster as it is)."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _header(sheet, COLUMNS)
    for width, column in zip((14, 16, 24, 14), range(1, 5), strict=True):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    for row, member in enumerate(members, start=2):
        for column, value in enumerate(
            (member.name, member.mobile, member.department, member.staff_number), 1
        ):
            _cell(sheet, row, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
