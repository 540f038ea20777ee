"""The ledger as county offices file it: an Excel workbook with a sheet per view, each with a
title row (随县安置区消费帮扶台账（2026年1—11月）), the unit (单位：元), a header row, a row per
organisation, cooperative, area or month and a totals row; amounts are numbers with two
decimals, so the office's own formulas work on them."""

import io
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .models import LedgerChannel

AMOUNT_FORMAT = "#,##0.00"
TITLE = "随县安置区消费帮扶台账"


def _sheet(workbook, title, report, headers, rows, totals, *, amount_columns):
    sheet = workbook.create_sheet(title)
    sheet.append([f"{TITLE}（{report.filters.period_label}）· {title}"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([_("单位：元")])
    sheet.append([str(header) for header in headers])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in [*rows, totals]:
        sheet.append([_cell(value) for value in row])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in amount_columns:
        for (cell,) in sheet.iter_rows(min_row=4, min_col=column, max_col=column):
            cell.number_format = AMOUNT_FORMAT
    for index, _header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 16 if index > 1 else 34
    return sheet


def _cell(value):
    """What openpyxl writes of ``value``: amounts as numbers, translated labels as text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Promise):
        return str(value)
    return value


def _money(value):
    return (value or Decimal("0.00")).quantize(Decimal("0.01"))


def ledger_workbook(report):
    """The workbook of ``report`` (a ``LedgerReport``), as bytes; the organisations' sheet only
    when the report has their rows."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    total = report.total
    channels = [label for _value, label in LedgerChannel.choices]

    if report.by_organisation is not None:
        _sheet(
            workbook,
            _("按采购单位"),
            report,
            [_("单位名称"), _("单位类型"), _("年度目标"), _("采购金额"), _("完成比例（%）")],
            [
                [row.label, row.extra["kind"], row.extra["target"], row.net, row.extra["percent"]]
                for row in report.by_organisation
            ],
            [_("合计"), "", None, sum((row.net for row in report.by_organisation), Decimal("0.00")), None],
            amount_columns=(3, 4),
        )
    _sheet(
        workbook,
        _("按合作社"),
        report,
        [_("合作社"), *channels, _("销售额"), _("退款"), _("净额")],
        [
            [
                row.label,
                *[_money(row.extra["channels"].get(value)) for value, _label in LedgerChannel.choices],
                row.sold,
                row.refunded,
                row.net,
            ]
            for row in report.by_cooperative
        ],
        [
            _("合计"),
            *[_money(channel.net) for channel in report.by_channel],
            total.sold,
            total.refunded,
            total.net,
        ],
        amount_columns=range(2, 5 + len(channels)),
    )
    _sheet(
        workbook,
        _("按安置区"),
        report,
        [_("安置区"), _("乡镇"), _("带动搬迁户数"), _("吸纳就业人数"), _("销售净额"), _("户均（元/户）")],
        [
            [
                row.label,
                row.extra["town"],
                row.extra["households"],
                row.extra["people"],
                row.net,
                row.extra.get("per_household"),
            ]
            for row in report.by_area
        ],
        [_("合计"), "", None, None, total.net, None],
        amount_columns=(5, 6),
    )
    _sheet(
        workbook,
        _("按月份"),
        report,
        [_("月份"), *channels, _("合计")],
        [
            [
                month.label,
                *[_money(report.monthly_by_channel[value][index]) for value, _label in LedgerChannel.choices],
                month.net,
            ]
            for index, month in enumerate(report.by_month)
        ],
        [_("合计"), *[_money(channel.net) for channel in report.by_channel], total.net],
        amount_columns=range(2, 3 + len(channels)),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ledger_workbook_name(report):
    return f"{TITLE}（{report.filters.period_label}）.xlsx"
