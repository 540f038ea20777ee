"""Demo production batches for ``manage.py load_demo``, with a generated inspection report.

Batches are looked up by (cooperative, batch number) and only created when missing, so a second
run changes nothing. Report figures are illustrative demo data, not real test results.
"""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from oscar.core.loading import get_model
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from catalog.models import ProductionBatch

from .labels import register_pdf_font

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

DEMO_COOPERATIVE_USER = "coop@wenfu.cn"

#: UPC, batch number, days before today it was produced, quantity, unit, with a report
BATCHES = [
    ("WF0101", "XG-2026-1001", 45, "800", "jin", True),
    ("WF0102", "XG-2026-1015", 30, "1200", "dai", True),
    ("WF0103", "XG-2026-1102", 12, "300", "he", False),
    ("WF0201", "MR-2026-0920", 60, "650", "dai", True),
    ("WF0301", "YW-2026-0405", 230, "400", "he", True),
    ("WF0401", "FM-2026-0618", 160, "900", "ping", False),
]


def inspection_report_pdf(*, product_title, batch_number, produced_on, cooperative):
    """A one-page demo inspection report (检测报告) as PDF bytes."""
    font = register_pdf_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"检测报告 {batch_number}")
    pdf.setFont(font, 18)
    pdf.drawCentredString(A4[0] / 2, A4[1] - 30 * mm, "农产品质量安全检测报告（演示）")
    pdf.setFont(font, 11)
    rows = [
        ("样品名称", product_title),
        ("批次号", batch_number),
        ("生产日期", produced_on.isoformat()),
        ("委托单位", cooperative),
        ("检测项目", "农药残留（GB 2763）、重金属（GB 2762）、二氧化硫"),
        ("检测结论", "所检项目均符合国家食品安全标准要求，合格。"),
        ("检测机构", "随县农产品质量安全检验检测站（演示数据）"),
    ]
    y = A4[1] - 50 * mm
    for label, value in rows:
        pdf.drawString(25 * mm, y, f"{label}：{value}")
        y -= 10 * mm
    pdf.setFont(font, 9)
    pdf.drawString(25 * mm, 25 * mm, "本报告为稳富演示数据，不代表真实检测结果。")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _recorders():
    User = get_user_model()
    coop_user = User.objects.filter(email=DEMO_COOPERATIVE_USER).first()
    operator = User.objects.filter(is_superuser=True).order_by("pk").first()
    return coop_user, operator


def load_batches():
    """Creates the missing demo batches and returns all of them. A batch of the demo cooperative
    account's own cooperative is recorded by that account, others by the first superuser (either
    stands in when the other is missing); with no such user nothing is created."""
    coop_user, operator = _recorders()
    if coop_user is None and operator is None:
        return []
    coop_partner_ids = set(coop_user.partners.values_list("pk", flat=True)) if coop_user else set()
    stockrecords = {
        record.product.upc: record
        for record in StockRecord.objects.filter(product__upc__in=[row[0] for row in BATCHES])
        .select_related("product", "partner")
        .order_by("pk")
    }
    existing = set(ProductionBatch.objects.values_list("partner_id", "batch_number"))
    today = timezone.localdate()
    for upc, number, days_ago, quantity, unit, with_report in BATCHES:
        record = stockrecords.get(upc)
        if record is None or (record.partner_id, number) in existing:
            continue
        recorder = coop_user if record.partner_id in coop_partner_ids else (operator or coop_user)
        produced_on = today - datetime.timedelta(days=days_ago)
        batch = ProductionBatch(
            product=record.product,
            partner=record.partner,
            batch_number=number,
            produced_on=produced_on,
            quantity=quantity,
            unit=unit,
            created_by=recorder,
        )
        if with_report:
            report = inspection_report_pdf(
                product_title=record.product.title,
                batch_number=number,
                produced_on=produced_on,
                cooperative=record.partner.name,
            )
            batch.inspection_report.save(f"report-{number}.pdf", ContentFile(report), save=False)
        batch.save()
    return list(ProductionBatch.objects.filter(batch_number__in=[row[1] for row in BATCHES]))
