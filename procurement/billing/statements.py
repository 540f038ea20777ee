"""The 结算单 (settlement statement) PDF of one supplier order or of one settlement.

It names both parties (the buyer organisation with its credit code, address and bank; the
cooperative with its registered name and credit code), lists every line with its ordered,
delivered and accepted quantities, unit price and line total (accepted × price), the delivery
fee, and the total in figures and in Chinese capital numerals.

Chinese text needs a font: Debian's WenQuanYi Micro Hei (``fonts-wqy-microhei``) is embedded
when installed (a TrueType collection reportlab can subset; it cannot embed Noto CJK, whose
outlines are PostScript), else ReportLab's built-in CID font ``STSong-Light``, which every PDF
reader renders without a font file being shipped.
"""

import io
import os
from decimal import Decimal
from functools import lru_cache
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .numerals import amount_in_words

EMBEDDED_FONT = ("WenQuanYiMicroHei", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
CID_FONT = "STSong-Light"


@lru_cache(maxsize=1)
def statement_font():
    """The registered font name: WenQuanYi Micro Hei when installed, else ``STSong-Light``."""
    name, path = EMBEDDED_FONT
    if os.path.exists(path):
        try:
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
            return name
        except TTFError:
            pass  # a damaged font file: the built-in CID font still renders every reader's Chinese
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT


def _styles():
    font = statement_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=body, fontSize=18, leading=24, alignment=TA_CENTER),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=11),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11),
    }


def _yuan(amount):
    return f"¥{Decimal(amount):,.2f}"


def _p(text, style):
    return Paragraph(escape(str(text)), style)


def _parties(organisation, partner, styles):
    profile = getattr(partner, "cooperative", None)
    buyer = [
        _("采购方：%(name)s") % {"name": organisation.invoice_title or organisation.name},
        _("统一社会信用代码（纳税人识别号）：%(code)s") % {"code": organisation.credit_code},
        _("地址：%(address)s") % {"address": organisation.registered_address},
        _("开户银行及账号：%(bank)s %(account)s")
        % {"bank": organisation.bank_name or "-", "account": organisation.bank_account},
    ]
    seller = [
        _("供货方：%(name)s") % {"name": profile.legal_name if profile else partner.name},
        _("统一社会信用代码：%(code)s") % {"code": profile.credit_code if profile else "-"},
        _("地址：%(address)s") % {"address": (profile.address if profile else "") or "-"},
    ]
    cell = styles["cell"]
    table = Table(
        [[[_p(line, cell) for line in buyer], [_p(line, cell) for line in seller]]],
        colWidths=[95 * mm, 85 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, colors.grey),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _lines_table(supplier_orders, styles):
    cell = styles["cell"]
    header = [_("供货单号"), _("商品"), _("订购"), pgettext("数量", "送达"), _("验收"), _("单价"), _("金额")]
    rows = [[_p(text, cell) for text in header]]
    for supplier_order in supplier_orders:
        for supplier_line in supplier_order.lines.all():
            line = supplier_line.line
            accepted = supplier_line.accepted_quantity or 0
            rows.append(
                [
                    _p(supplier_order.order.number, cell),
                    _p(line.title, cell),
                    str(supplier_line.purchase_order_line.quantity),
                    str(supplier_line.delivered_quantity or 0),
                    str(accepted),
                    _yuan(line.unit_price_incl_tax),
                    _yuan(line.unit_price_incl_tax * accepted),
                ]
            )
        if supplier_order.delivery_fee:
            rows.append(
                [
                    _p(supplier_order.order.number, cell),
                    _p(
                        _("配送费（%(method)s）") % {"method": supplier_order.get_delivery_method_display()},
                        cell,
                    ),
                    "",
                    "",
                    "",
                    "",
                    _yuan(supplier_order.delivery_fee),
                ]
            )
    table = Table(
        rows,
        colWidths=[36 * mm, 54 * mm, 14 * mm, 14 * mm, 14 * mm, 22 * mm, 26 * mm],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), statement_font()),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def statement_pdf(*, supplier_orders, number, organisation, partner, total):
    """The 结算单 of ``supplier_orders`` (loaded by ``selectors.statement_supplier_orders``)
    between ``organisation`` and ``partner``, numbered ``number``, for ``total`` yuan; PDF bytes."""
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=_("结算单 %(number)s") % {"number": number},
        author="稳富",
    )
    story = [
        _p(_("结算单"), styles["title"]),
        Spacer(0, 4 * mm),
        _p(
            _("结算单号：%(number)s　　日期：%(date)s")
            % {"number": number, "date": timezone.localdate().isoformat()},
            styles["body"],
        ),
        Spacer(0, 3 * mm),
        _parties(organisation, partner, styles),
        Spacer(0, 4 * mm),
        _lines_table(supplier_orders, styles),
        Spacer(0, 4 * mm),
        _p(_("合计金额（小写）：%(amount)s") % {"amount": _yuan(total)}, styles["body"]),
        _p(_("合计金额（大写）：人民币%(words)s") % {"words": amount_in_words(total)}, styles["body"]),
        Spacer(0, 8 * mm),
        _p(_("采购方（盖章）：　　　　　　　　　　　　供货方（盖章）："), styles["body"]),
        Spacer(0, 3 * mm),
        _p(_("金额按验收合格数量 × 单价计算，含配送费。由稳富平台生成。"), styles["small"]),
    ]
    document.build(story)
    return buffer.getvalue()


def supplier_order_statement_pdf(supplier_order):
    """The 结算单 of one accepted (or later) supplier order."""
    return statement_pdf(
        supplier_orders=[supplier_order],
        number=supplier_order.order.number,
        organisation=supplier_order.purchase_order.organisation,
        partner=supplier_order.partner,
        total=supplier_order.accepted_total,
    )


def settlement_statement_pdf(settlement, supplier_orders):
    """The 结算单 of ``settlement`` over its ``supplier_orders``."""
    return statement_pdf(
        supplier_orders=supplier_orders,
        number=settlement.number,
        organisation=settlement.organisation,
        partner=settlement.partner,
        total=settlement.amount,
    )
