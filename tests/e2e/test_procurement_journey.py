"""A canteen's bulk purchase, in a real browser, from the Excel template to the closed order: the
buyer fills 30 lines from 5 cooperatives, fixes the one bad row, submits; the approver approves;
each cooperative confirms in its dashboard (one confirms less, the buyer accepts) and ships; the
验收员 accepts on a phone with one shortfall; the 财务 asks for 专票, the cooperatives issue them;
the 结算单 PDFs carry the accepted totals; the transfers are recorded and confirmed; the order is
closed and this year's accepted purchases moved by exactly the accepted amount."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone
from oscar.core.loading import get_model
from playwright.sync_api import expect
from pypdf import PdfReader

from procurement.billing.numerals import amount_in_words
from procurement.constants import PurchaseOrderSource, PurchaseOrderState, SupplierOrderState
from procurement.models import PurchaseOrder, SupplierOrder, SupplierOrderLine
from shop.users.demo import PASSWORD as DEMO_PASSWORD
from tests.e2e.steps import log_in
from tests.factories import ProductFactory, StockRecordFactory
from tests.uploads import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Partner = get_model("partner", "Partner")
User = get_user_model()

BUYER, APPROVER, FINANCE = "buyer@wenfu.cn", "approver@wenfu.cn", "finance@wenfu.cn"
#: The five cooperatives of the order (demo codes) and how many of their products it takes.
COOPERATIVES = {
    "sanligang-xingnong": 7,
    "hongshan-baihua": 6,
    "yindian-lvyuan": 5,
    "xiaolin-jinguo": 5,
    "changgang-yunwu": 7,
}
KITCHEN = "机关食堂后厨"
SHORT_COOPERATIVE = "yindian-lvyuan"
QUANTITY = 10


def staff_of(code):
    """A dashboard login for the demo cooperative ``code`` (the demo has one cooperative login)."""
    partner = Partner.objects.get(code=code)
    user = partner.users.first()
    if user is None:
        user = User.objects.create_user(f"{code}@example.cn", DEMO_PASSWORD)
        user.user_permissions.add(
            Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
        )
        partner.users.add(user)
    return partner, user.email


def order_lines():
    """30 (SKU, title) of the five cooperatives, every product orderable at 10 units; two more
    products for the tea cooperative, which lists five."""
    tea = Partner.objects.get(code="changgang-yunwu")
    for n, title in enumerate(("长岗炒青绿茶 食堂装 1kg", "随县红茶 食堂装 1kg")):
        StockRecordFactory(
            product=ProductFactory(title=title, stockrecord=None),
            partner=tea,
            partner_sku=f"WF03J{n}",
            num_in_stock=200,
        )
    lines = []
    for code, count in COOPERATIVES.items():
        records = (
            Partner.objects.get(code=code).stockrecords.select_related("product").order_by("partner_sku")
        )
        lines += [(record.partner_sku, record.product.get_title()) for record in records[:count]]
    assert len(lines) == 30
    return lines


def filled_template(template_bytes, lines, delivery_date, *, bad_row=None):
    """The downloaded template with ``lines`` typed in, the way a buyer fills it in Excel;
    ``bad_row`` (an index) gets the quantity 十."""
    book = openpyxl.load_workbook(io.BytesIO(template_bytes))
    sheet = book.worksheets[0]
    sheet.delete_rows(2, sheet.max_row)
    for index, (sku, title) in enumerate(lines):
        quantity = "十" if index == bad_row else QUANTITY
        sheet.append([sku, title, quantity, KITCHEN, delivery_date.isoformat(), "食堂月度采购"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def accepted_this_year(page, site):
    page.goto(site + "/procurement/")
    text = page.locator("text=/已验收 ¥[0-9.]+/").first.inner_text()
    return Decimal(re.search(r"已验收 ¥([0-9.]+)", text).group(1))


def test_a_canteen_orders_30_lines_by_excel_and_pays_the_accepted_amount(
    page, phone_page, new_person, demo_site, eager_celery, tmp_path
):
    site = demo_site
    lines = order_lines()
    staff = {code: staff_of(code) for code in COOPERATIVES}
    delivery_date = timezone.localdate() + datetime.timedelta(days=7)

    # 1. The buyer downloads the template, fills 30 lines (one with 十) and uploads it: one error.
    buyer = page
    log_in(buyer, site, BUYER, DEMO_PASSWORD)
    before = accepted_this_year(buyer, site)
    buyer.goto(site + "/procurement/orders/import/")
    with buyer.expect_download() as download:
        buyer.get_by_role("link", name="下载模板（.xlsx）").click()
    template = open(download.value.path(), "rb").read()
    bad = tmp_path / "采购单.xlsx"
    bad.write_bytes(filled_template(template, lines, delivery_date, bad_row=12))
    buyer.get_by_label("采购明细表（.xlsx）").set_input_files(str(bad))
    buyer.get_by_role("button", name="上传并检查").click()
    expect(buyer.locator("body")).to_contain_text("第 14 行")
    expect(buyer.locator("body")).to_contain_text("数量必须是正整数")
    assert not PurchaseOrder.objects.filter(source=PurchaseOrderSource.EXCEL).exists()

    # 2. … fixes it and uploads again: one draft of 30 lines, which the buyer submits.
    good = tmp_path / "采购单-改.xlsx"
    good.write_bytes(filled_template(template, lines, delivery_date))
    buyer.goto(site + "/procurement/orders/import/")
    buyer.get_by_label("采购明细表（.xlsx）").set_input_files(str(good))
    buyer.get_by_role("button", name="上传并检查").click()
    expect(buyer.locator("body")).to_contain_text("生成 1 张采购单草稿")
    purchase_order = PurchaseOrder.objects.get(source=PurchaseOrderSource.EXCEL)
    assert purchase_order.lines.count() == 30
    buyer.get_by_role("link", name=purchase_order.number).first.click()
    buyer.get_by_role("button", name="提交审批").click()
    expect(buyer.locator("body")).to_contain_text("待审批")

    # 3. The approver approves: five supplier orders, one per cooperative.
    approver = new_person()
    log_in(approver, site, APPROVER, DEMO_PASSWORD)
    approver.goto(site + f"/procurement/orders/{purchase_order.pk}/")
    approver.get_by_label("审批意见（驳回时必填）").fill("同意，按月度计划采购")
    approver.get_by_role("button", name="审批通过").click()
    expect(approver.locator("body")).to_contain_text("已审批")
    supplier_orders = {
        so.partner.code: so for so in SupplierOrder.objects.filter(purchase_order=purchase_order)
    }
    assert set(supplier_orders) == set(COOPERATIVES)

    # 4. Each cooperative confirms in its dashboard; one can supply 2 units less of one product.
    cooperative_pages = {}
    for code, (_partner, email) in staff.items():
        coop = cooperative_pages[code] = new_person()
        log_in(coop, site, email, DEMO_PASSWORD)
        coop.goto(site + f"/shop/dashboard/procurement/orders/{supplier_orders[code].pk}/")
        if code == SHORT_COOPERATIVE:
            coop.locator("#confirm-form input[type=number]").first.fill(str(QUANTITY - 2))
            coop.locator("#confirm-form input[name=reason]").fill("木耳晾晒不足，本周最多供 8 件")
            coop.get_by_role("button", name="按填写数量确认（少供）").click()
        else:
            coop.get_by_role("button", name="按订购数量全部确认").click()
        expect(coop.locator("body")).to_contain_text(
            "待采购方确认数量" if code == SHORT_COOPERATIVE else "已确认"
        )
    buyer.goto(site + f"/procurement/orders/{purchase_order.pk}/")
    buyer.get_by_role("button", name="接受确认数量").click()
    expect(buyer.locator("body")).to_contain_text("木耳晾晒不足")

    # … and ships it from the order page (送货上门: carrier 其他, its delivery note number).
    for code, coop in cooperative_pages.items():
        supplier_order = supplier_orders[code]
        coop.goto(site + f"/shop/dashboard/orders/{supplier_order.order.number}/")
        expect(coop.locator("body")).to_contain_text("机构采购")
        coop.locator("select[name=carrier]").select_option("other")
        coop.locator("input[name=tracking_number]").fill(f"SH-{supplier_order.order.number}")
        coop.get_by_role("button", name="发货", exact=True).click()
        supplier_order.refresh_from_db()
        assert supplier_order.state == SupplierOrderState.SHIPPED

    # 5. The 验收员 receives each delivery on a phone; one line has 3 units rejected.
    log_in(phone_page, site, APPROVER, DEMO_PASSWORD)
    for index, supplier_order in enumerate(supplier_orders.values()):
        phone_page.goto(site + f"/procurement/supplier-orders/{supplier_order.pk}/receive/")
        if index == 0:
            first = phone_page.locator("input[name^=accepted_]").first
            first.fill(str(int(first.input_value()) - 3))
            phone_page.locator("input[name^=reason_]").first.fill("三箱受潮发霉")
        phone_page.get_by_role("button", name="确认验收").click()
        expect(phone_page.locator("body")).to_contain_text("已验收")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    accepted = {
        code: SupplierOrder.objects.get(pk=so.pk).accepted_total for code, so in supplier_orders.items()
    }
    expected_total = sum(accepted.values())
    # What was accepted is priced at the tier prices, plus each cooperative's delivery fee.
    assert expected_total == sum(
        (
            supplier_line.line.unit_price_incl_tax * supplier_line.accepted_quantity
            for supplier_line in SupplierOrderLine.objects.filter(
                supplier_order__purchase_order=purchase_order
            )
        ),
        Decimal("0.00"),
    ) + sum(
        (so.delivery_fee for so in SupplierOrder.objects.filter(purchase_order=purchase_order)),
        Decimal("0.00"),
    )
    assert (
        SupplierOrderLine.objects.filter(
            supplier_order__purchase_order=purchase_order, rejected_quantity=3
        ).count()
        == 1
    )

    # 6. The 财务 asks for a 专票 of each; each cooperative issues it for the accepted amount.
    finance = new_person()
    log_in(finance, site, FINANCE, DEMO_PASSWORD)
    for supplier_order in supplier_orders.values():
        finance.goto(site + "/procurement/billing/")
        card = finance.locator(f"#supplier-order-{supplier_order.pk}")
        card.locator("select[name=kind]").select_option("special")
        card.get_by_role("button", name="申请发票").click()
    invoice_pdf = tmp_path / "invoice.pdf"
    invoice_pdf.write_bytes(pdf_bytes())
    for n, (code, coop) in enumerate(cooperative_pages.items()):
        coop.goto(site + "/shop/dashboard/procurement/invoices/")
        coop.get_by_role("link", name="开具发票").first.click()
        coop.get_by_label("发票号码").fill(f"4200261{n:05d}")
        coop.get_by_label("开票日期").fill(timezone.localdate().isoformat())
        coop.get_by_label("发票金额（元）").fill(str(accepted[code]))
        coop.get_by_label("发票 PDF").set_input_files(str(invoice_pdf))
        coop.get_by_role("button", name="开具").click()
        assert SupplierOrder.objects.get(pk=supplier_orders[code].pk).state == SupplierOrderState.INVOICED

    # 7. The 结算单 PDF of the short-shipped supplier order carries its accepted total, in words too.
    short = supplier_orders[SHORT_COOPERATIVE]
    statement = finance.context.request.get(
        site + f"/procurement/billing/supplier-orders/{short.pk}/statement.pdf"
    )
    assert statement.headers["content-type"] == "application/pdf"
    text = "".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(statement.body())).pages)
    assert f"{accepted[SHORT_COOPERATIVE]:,.2f}" in text
    assert amount_in_words(accepted[SHORT_COOPERATIVE]) in text

    # 8. The 财务 settles each cooperative by transfer; each cooperative confirms the money arrived.
    for code, (partner, _email) in staff.items():
        finance.goto(site + "/procurement/billing/")
        form = finance.locator(f"#settle-{partner.pk}")
        form.locator("select[name=method]").select_option("transfer")
        form.get_by_role("button", name="生成结算单").click()
        finance.get_by_label("银行转账流水号").fill(f"NYYH2026{partner.pk:06d}")
        finance.get_by_role("button", name="登记转账").click()
        coop = cooperative_pages[code]
        coop.goto(site + "/shop/dashboard/procurement/settlements/")
        coop.get_by_role("button", name="确认收款").first.click()

    # 9. Closed, and this year's accepted purchases moved by exactly the accepted amount.
    purchase_order.refresh_from_db()
    assert purchase_order.state == PurchaseOrderState.CLOSED
    assert {so.state for so in SupplierOrder.objects.filter(purchase_order=purchase_order)} == {
        SupplierOrderState.CLOSED
    }
    buyer.goto(site + f"/procurement/orders/{purchase_order.pk}/")
    expect(buyer.locator("body")).to_contain_text("已完成")
    assert accepted_this_year(buyer, site) == before + expected_total
