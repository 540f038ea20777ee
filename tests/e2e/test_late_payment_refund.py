"""A payment that reaches the shop after its order was closed, in a real browser: the operator
finds it under 支付宝 → 迟到付款待退款, opens the order from the list, refunds the money through
Alipay and sees it leave the list of payments awaiting refund."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import OPERATOR, log_in
from tests.shop.checkout import conftest as checkout
from tests.shop.payments.test_late_payments_dashboard import paid_late

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The checkout tests' shopper and the unpaid order they place, as the checkout does.
place_order = checkout.place_order
shopper = checkout.shopper


def test_the_operator_finds_a_late_payment_and_refunds_it(page, demo_site, eager_celery, client, place_order):
    site = demo_site
    order = place_order(price="68.00", quantity=2)
    paid_late(client, order)

    # 1. The dashboard's 支付宝 menu leads to the payments awaiting refund.
    log_in(page, site, *OPERATOR)
    page.goto(site + "/shop/dashboard/")
    page.get_by_role("button", name="支付宝").click()
    page.get_by_role("link", name="迟到付款待退款").click()
    expect(page.locator("#late-payments-alert")).to_contain_text("有 1 笔付款在订单关闭后才到账")
    row = page.locator(f"#late-payment-list tr[data-order='{order.number}']")
    expect(row.locator(".late-amount")).to_have_text("¥136.00")
    expect(row.locator(".late-status")).to_contain_text("待退款")

    # 2. 去退款 opens the order at its refund form; the whole payment goes back through Alipay.
    row.get_by_role("link", name="去退款").click()
    refunds = page.locator("#alipay-refunds")
    expect(refunds).to_contain_text("可退金额：¥136.00")
    refunds.get_by_label("退款金额（元）").fill("136.00")
    refunds.get_by_label("退款原因").fill("订单关闭后才到账")
    refunds.get_by_role("button", name="退款", exact=True).click()
    expect(page.locator(".alert-success").first).to_contain_text("已退款 ¥136.00")

    # 3. Nothing awaits refund any more; the order is listed as refunded.
    page.goto(site + "/shop/dashboard/payments/late/")
    expect(page.locator("#late-payment-list")).to_contain_text("没有等待退款的迟到付款。")
    page.locator("#late-payment-filters").get_by_role("link", name=re.compile("已退款")).click()
    refunded = page.locator(f"#late-payment-list tr[data-order='{order.number}']")
    expect(refunded.locator(".late-status")).to_contain_text("已退款")
    expect(refunded.locator(".refundable-amount")).to_contain_text("¥0.00")
