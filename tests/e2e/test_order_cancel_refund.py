"""An operator cancels a paid order in a real browser: the status form offers only 已取消, the
order is cancelled with the reason recorded, and the money goes back through Alipay — the operator
sees the refund 已退款 on the order page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import OPERATOR, log_in
from tests.shop.checkout import conftest as checkout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The checkout tests' shopper, the unpaid order they place and the emulator's cashier.
place_order = checkout.place_order
shopper = checkout.shopper
pay_on_cashier = checkout.pay_on_cashier


def test_the_operator_cancels_a_paid_order_and_sees_its_refund_go_through(
    page, demo_site, eager_celery, client, place_order, pay_on_cashier
):
    order = place_order(price="68.00", quantity=2)
    pay_on_cashier(client, order)

    # 1. The operator opens the paid order: cancelling is the only status on offer.
    log_in(page, demo_site, *OPERATOR)
    page.goto(demo_site + f"/shop/dashboard/orders/{order.number}/")
    status_form = page.locator("#order_status_form")
    options = status_form.locator("select[name='new_status'] option")
    expect(options).to_have_count(1)
    expect(options).to_have_text(["已取消"])
    expect(page.locator("input[name='line_action']")).to_have_count(0)

    # 2. They cancel it with a reason; the money goes back through Alipay at once.
    status_form.get_by_label("原因").fill("合作社缺货")
    status_form.get_by_role("button").click()
    expect(page.locator(".alert-success").first).to_contain_text("订单已取消")
    page.reload()
    refunds = page.locator("#alipay-refunds table")
    expect(refunds).to_contain_text("¥136.00")
    expect(refunds).to_contain_text("已退款")
    changes = page.locator("#status-changes")
    expect(changes).to_contain_text("合作社缺货")
    expect(changes).to_contain_text("已取消")
    expect(page.locator("#order_status_form select")).to_have_count(0)
