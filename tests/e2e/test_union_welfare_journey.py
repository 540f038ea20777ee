"""A union's welfare campaign, in a real browser, on the demo county: the union's 管理员 imports
200 more members from Excel, prepares the demo's draft campaign to start today and sends the
vouchers; one of the new members signs up with the mobile the code was texted to, spends the
voucher on resettlement-area products and pays the rest on the Alipay emulator's cashier; the
campaign page counts the redemption, and the operator's ledger, its chart and its Excel export
show that sale under the union, the cooperative and the area."""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from oscar.core.loading import get_model
from playwright.sync_api import expect

from procurement.campaigns.models import Campaign, CampaignStatus
from procurement.ledger.models import LedgerChannel, LedgerEntry
from shop.sms.models import OutboxMessage
from tests.e2e.steps import DEMO_PASSWORD, OPERATOR, log_in, register_by_mobile
from tests.e2e.test_checkout_journey import add_to_basket, fill_address

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Order = get_model("order", "Order")

UNION_ADMIN = ("union@wenfu.cn", DEMO_PASSWORD)
NEW_MEMBERS = 200
#: The imported member who will spend the voucher.
MEMBER_MOBILE = "13600000001"
#: Demo products of resettlement-area cooperatives (catalog/demo.py).
UPCS = ("WF0201", "WF0401")  # 随县黑木耳 250g (殷店), 高山土蜂蜜 500g (洪山)


def roster_workbook(path):
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "手机号", "部门", "工号"])
    for n in range(1, NEW_MEMBERS + 1):
        sheet.append([f"新会员{n}", f"1360000{n:04d}", "新入会职工", f"XH{n:04d}"])
    book.save(path)
    return path


def test_union_sends_vouchers_a_member_spends_one_and_the_ledger_shows_it(
    page, new_person, demo_site, eager_celery, tmp_path
):
    site = demo_site
    draft = Campaign.objects.get(status=CampaignStatus.DRAFT)
    today = timezone.localdate()

    # 1. The union's 管理员 imports 200 new members from Excel.
    log_in(page, site, *UNION_ADMIN)
    page.goto(site + "/procurement/welfare/members/")
    page.locator("#roster_import_form input[type=file]").set_input_files(
        roster_workbook(tmp_path / "名册.xlsx")
    )
    page.get_by_role("button", name="上传并导入").click()
    expect(page.locator(".alert-success").first).to_contain_text(f"新增 {NEW_MEMBERS} 人")
    expect(page.locator("#roster caption")).to_contain_text("共 400 人")

    # 2. The draft campaign starts today, with a budget for 400 members, and is sent.
    page.goto(site + f"/procurement/welfare/{draft.pk}/edit/")
    page.get_by_label("开始日期").fill(today.isoformat())
    page.get_by_label("结束日期").fill((today + datetime.timedelta(days=10)).isoformat())
    page.get_by_label("预算（元）").fill("80000")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success").first).to_contain_text("活动已保存")
    expect(page.locator("body")).to_contain_text("名册在册 400 人，需 ¥80000.00")
    page.locator("#campaign_start").click()
    expect(page.locator(".alert-success").first).to_contain_text("福利券已发放")
    expect(page.locator("[data-figure=members]")).to_have_text("400")
    expect(page.locator("#campaign_figures")).to_contain_text("已发送 400")

    # 3. The member's code reached their phone (the SMS outbox); they sign up with that mobile.
    text = OutboxMessage.objects.filter(mobile=MEMBER_MOBILE, text__contains="福利券").first().text
    code = re.search(r"券码 ([A-Z0-9-]+)", text).group(1)
    assert "¥200.00" in text
    member = new_person()
    register_by_mobile(member, site, MEMBER_MOBILE)

    # 4. They put resettlement-area products worth more than the voucher in the basket (two of
    # each: ¥220) and enter the code.
    for upc in UPCS * 2:
        add_to_basket(member, site, upc)
    member.goto(site + "/shop/basket/")
    member.locator("#voucher_form_link a").click()
    member.locator("#id_code").fill(code)
    member.locator("#voucher_form button[type=submit]").click()
    expect(member.locator(".alert-info, .alert-success").first).to_contain_text("已加入到购物车")

    # 5. Checkout: the preview takes the voucher off; the cashier asks for the rest only.
    member.goto(site + "/shop/checkout/")
    member.wait_for_url("**/shop/checkout/shipping-address/")
    fill_address(member)
    member.locator(".wf-shipping-method").first.get_by_role("button", name="选择").click()
    member.wait_for_url("**/shop/checkout/preview/")
    expect(member.locator("body")).to_contain_text(code)
    member.locator("#place-order").click()
    member.wait_for_url(re.compile(r"/payments/emulator/trades/\d+/$"))
    order = Order.objects.get(user__mobile=MEMBER_MOBILE)
    assert order.total_discount_incl_tax == Decimal("200.00")
    expect(member.locator(".emu-amount")).to_have_text(f"¥{order.total_incl_tax:.2f}")
    member.get_by_role("button", name="确认付款").click()
    member.wait_for_url(re.compile(r"/payments/alipay/return/\?"))
    expect(member.locator("#payment-result")).to_have_text("支付成功")

    # 6. The campaign page counts one redemption of ¥200.
    page.goto(site + f"/procurement/welfare/{draft.pk}/")
    expect(page.locator("[data-figure=redeemed]")).to_have_text("1")
    expect(page.locator("[data-figure=redeemed_amount]")).to_have_text("¥200.00")

    # 7. The operator's ledger shows the voucher's part under the union, its cooperatives and areas.
    welfare = LedgerEntry.objects.filter(line__order=order, channel=LedgerChannel.WELFARE)
    assert sum(entry.amount for entry in welfare) == Decimal("200.00")
    operator = new_person()
    log_in(operator, site, *OPERATOR)
    operator.goto(site + "/shop/dashboard/procurement/ledger/?channel=welfare")
    report = operator.locator("body")
    expect(operator.locator("#ledger_organisations")).to_contain_text("随县总工会")
    for entry in welfare.select_related("partner", "area"):
        expect(operator.locator("#ledger_cooperatives")).to_contain_text(entry.partner.name)
        expect(operator.locator("#ledger_areas")).to_contain_text(entry.area.name)
    expected_total = sum(
        entry.amount
        for entry in LedgerEntry.objects.filter(
            channel=LedgerChannel.WELFARE, occurred_on__year=timezone.localdate().year
        )
    )
    expect(operator.locator("#ledger_total")).to_have_text(f"¥{expected_total:.2f}")
    expect(report.locator(".wf-chart[data-ledger-chart=months] svg").first).to_contain_text("工会福利")
    chart = json.loads(operator.locator("#ledger-chart-data").text_content())
    welfare_series = next(series for series in chart["channels"] if series["name"] == "工会福利")
    assert Decimal(str(sum(welfare_series["values"]))).quantize(Decimal("0.01")) == expected_total

    # 8. The Excel export agrees.
    with operator.expect_download() as download:
        operator.locator("#ledger_export").click()
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    organisations = book["按采购单位"]
    (union_row,) = [row for row in organisations.iter_rows(values_only=True) if row[0] == "随县总工会"]
    assert union_row[1] == "工会" and Decimal(str(union_row[3])).quantize(Decimal("0.01")) == expected_total
