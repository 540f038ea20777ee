"""A purchase from basket to payment, in a real browser: a new shopper registers, buys from two
cooperatives (one line chilled, so only cold-chain shipping is offered), gives a mainland address
with the province → city → district selects, pays on the local Alipay emulator's cashier and comes
back to 支付成功; the operator then sees the order as 已付款, each cooperative ships its own parcel,
the shopper confirms receipt and the operator refunds a damaged line. On a phone the same purchase goes
through Alipay's WAP cashier (手机网站支付), and no checkout page scrolls sideways."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.catalog.dashboard.helpers import STAFF_PASSWORD, cooperative_user
from tests.conftest import PHONE_WIDTH
from tests.e2e.steps import (
    CITY,
    DEMO_PASSWORD,
    DISTRICT,
    OPERATOR,
    PROVINCE,
    choose_division,
    log_in,
    register,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

#: Demo products (catalog/demo.py): 鲜香菇 is kept chilled; 黑木耳 and 蜂蜜 travel at room temperature.
CHILLED_UPC = "WF0106"  # 鲜香菇 2.5kg 产地直发, 三里岗 cooperative
AMBIENT_UPC = "WF0201"  # 随县黑木耳 250g, 殷店 cooperative
PHONE_UPC = "WF0401"  # 高山土蜂蜜 500g, 洪山 cooperative


def add_to_basket(page, site, upc):
    """Opens the product's page, adds one to the basket; returns its title as the page shows it."""
    page.goto(site + Product.objects.get(upc=upc).get_absolute_url())
    title = page.locator("h1").first.inner_text().strip()
    page.get_by_role("button", name=re.compile("加入购物车")).first.click()
    expect(page.locator(".alert-success").first).to_contain_text(title)
    return title


def fill_address(page):
    page.get_by_label("收货人").fill("李春华")
    page.get_by_label("手机号码").fill("13912345678")
    choose_division(page, "id_province", PROVINCE)
    choose_division(page, "id_city", CITY)
    choose_division(page, "id_district", DISTRICT)
    page.locator("#id_street").fill("厉山镇")
    page.locator("#id_line1").fill("神农安置小区 3 栋 2 单元 101")
    page.get_by_role("button", name="下一步").click()
    page.wait_for_url("**/shop/checkout/shipping-method/")


def assert_no_sideways_scroll(page, where):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{where} scrolls sideways ({width}px wide)"


def test_new_shopper_buys_chilled_and_dry_goods_with_cold_chain_and_pays_with_alipay(
    page, new_person, demo_site, eager_celery
):
    # ``eager_celery``: the emulator's notify and the order e-mails run in-process even in CI.
    site, email = demo_site, "chunhua@example.cn"

    # 1. A new shopper registers and fills the basket from two cooperatives, one line chilled.
    register(page, site, email)
    chilled = add_to_basket(page, site, CHILLED_UPC)
    dry = add_to_basket(page, site, AMBIENT_UPC)

    # 2. The checkout asks for a mainland address.
    page.goto(site + "/shop/checkout/")
    page.wait_for_url("**/shop/checkout/shipping-address/")
    fill_address(page)

    # 3. Only cold-chain shipping is offered, and the page says why.
    expect(page.locator(".wf-shipping-destination")).to_contain_text("寄往 湖北省（湖北省内）")
    expect(page.locator(".wf-shipping-notice")).to_contain_text("购物车中有冷藏/冷冻商品，需使用冷链配送")
    methods = page.locator(".wf-shipping-method h4")
    expect(methods).to_contain_text(["冷链配送"])
    expect(methods.filter(has_text="普通快递")).to_have_count(0)
    expect(page.locator(".wf-shipping-unavailable")).to_contain_text("普通快递：购物车中有冷藏/冷冻商品")
    cold = page.locator(".wf-shipping-method[data-method='cold-chain']")
    expect(cold.locator(".wf-parcels tbody tr")).to_have_count(2)
    expect(cold.locator(".wf-parcels tbody tr").filter(has_text="三里岗")).to_contain_text("冷链")
    cold.get_by_role("button", name="选择").click()

    # 4. The preview names both products, the cold chain and Alipay.
    page.wait_for_url("**/shop/checkout/preview/")
    preview = page.locator("body")
    expect(preview).to_contain_text(chilled)
    expect(preview).to_contain_text(dry)
    expect(preview).to_contain_text("冷链配送")
    expect(page.locator("#payment-method")).to_contain_text("支付宝")

    # 5. 提交订单 opens the desktop cashier (电脑网站支付) for the order's amount.
    expect(page.locator("#place-order")).to_have_text("提交订单并付款")
    page.locator("#place-order").click()
    page.wait_for_url(re.compile(r"/payments/emulator/trades/\d+/$"))
    order = Order.objects.get(user__email=email)
    cashier = page.locator("main")
    expect(cashier.locator(".emu-amount")).to_have_text(f"¥{order.total_incl_tax:.2f}")
    expect(cashier).to_contain_text(order.number)
    expect(cashier).to_contain_text("电脑网站支付（FAST_INSTANT_TRADE_PAY）")
    expect(cashier).to_contain_text("等待买家付款")

    # 6. 确认付款: the notify marks the order paid, and the shop's return page says so.
    page.get_by_role("button", name="确认付款").click()
    page.wait_for_url(re.compile(r"/payments/alipay/return/\?"))
    expect(page.locator("#payment-result")).to_have_text("支付成功")
    result = page.locator(".wf-result")
    expect(result).to_contain_text(order.number)
    expect(result).to_contain_text("已付款")

    # 7. The operator finds the order in the dashboard, paid.
    operator = new_person()
    log_in(operator, site, *OPERATOR)
    operator.goto(site + "/shop/dashboard/orders/")
    row = operator.get_by_role("row").filter(has_text=order.number)
    expect(row).to_contain_text("已付款")
    row.get_by_role("link", name=order.number).first.click()
    operator.wait_for_url(f"**/shop/dashboard/orders/{order.number}/")
    expect(operator.locator("h1").first).to_contain_text(order.number)
    expect(operator.locator("body")).to_contain_text("已付款")
    expect(operator.locator("body")).to_contain_text(chilled)
    expect(operator.locator("body")).to_contain_text(dry)

    # 8. Each cooperative ships its own parcel from its dashboard, seeing only its own line.
    shipments = [
        (CHILLED_UPC, chilled, dry, "sf", "SF1409876543210"),
        (AMBIENT_UPC, dry, chilled, "zto", "ZT7788990011"),
    ]
    for upc, own, other, carrier, tracking in shipments:
        ship_parcel(new_person(), site, order, upc, own=own, other=other, carrier=carrier, tracking=tracking)
    order.refresh_from_db()
    assert order.status == "已发货"

    # 9. The shopper sees both parcels shipped, with their tracking numbers, and confirms receipt.
    page.goto(site + f"/shop/accounts/orders/{order.number}/")
    parcels = page.locator("#order-parcels li")
    expect(parcels).to_have_count(2)
    for _upc, _own, _other, _carrier, tracking in shipments:
        expect(parcels.filter(has_text=tracking)).to_contain_text("已发货")
    page.get_by_role("button", name="确认收货").click()
    expect(page.locator(".alert-success").first).to_contain_text("已确认收货")
    expect(parcels.filter(has_text="已签收")).to_have_count(2)
    expect(page.get_by_role("button", name="确认收货")).to_have_count(0)

    # 10. A bag of fungus arrived torn: the operator refunds that line; its amount comes from the line.
    dry_line = order.lines.get(upc=AMBIENT_UPC)
    operator.goto(site + f"/shop/dashboard/orders/{order.number}/")
    refunds = operator.locator("#alipay-refunds")
    refunds.get_by_label(re.compile(re.escape(dry))).fill("1")
    refunds.get_by_label("退款原因").fill("包装破损")
    refunds.get_by_role("button", name="退款", exact=True).click()
    refunded = f"已退款 ¥{dry_line.line_price_incl_tax:.2f}"
    expect(operator.locator(".alert-success").first).to_contain_text(refunded)
    expect(operator.locator("#alipay-refunds table")).to_contain_text("包装破损")
    sent = operator.locator("#emails-sent tbody tr")
    mails = ["订单已提交，待付款", "订单已付款", "包裹已发货", "包裹已发货", "订单已退款"]
    expect(sent).to_contain_text(mails)
    expect(refunds.get_by_label(re.compile(re.escape(dry)))).to_be_disabled()

    # 11. The shopper's order page shows the refund.
    page.reload()
    refund_row = re.compile(f"¥{dry_line.line_price_incl_tax:.2f}\\s+已退款\\s+包装破损")
    expect(page.locator("#order-refunds li")).to_contain_text([refund_row])


def ship_parcel(person, site, order, upc, *, own, other, carrier, tracking):
    """The staff of the cooperative selling ``upc`` finds ``order`` in its dashboard, sees only
    its own line and ships its parcel."""
    partner = Product.objects.get(upc=upc).stockrecords.get().partner
    log_in(person, site, *cooperative_login(partner))
    person.goto(site + "/shop/dashboard/orders/")
    row = person.get_by_role("row").filter(has_text=order.number)
    row.get_by_role("link", name=order.number).first.click()
    expect(person.locator("body")).to_contain_text(own)
    expect(person.locator("body")).not_to_contain_text(other)
    parcel = person.locator("#parcels tbody tr").filter(has_text=partner.name)
    parcel.get_by_label("快递公司").select_option(carrier)
    parcel.get_by_label("运单号").fill(tracking)
    parcel.get_by_role("button", name="发货").click()
    expect(person.locator(".alert-success").first).to_contain_text(f"{partner.name}的包裹已登记发货")
    expect(person.locator("#parcels tbody tr").filter(has_text=partner.name)).to_contain_text(tracking)


def cooperative_login(partner):
    """How someone of ``partner`` signs in: the demo account where the demo has one for it,
    otherwise a new member of its staff."""
    demo_user = partner.users.first()
    if demo_user is not None:
        return demo_user.email, DEMO_PASSWORD
    return cooperative_user(partner, f"staff-{partner.pk}@example.cn").email, STAFF_PASSWORD


def test_phone_shopper_pays_on_alipays_wap_cashier_without_sideways_scrolling(
    phone_page, demo_site, eager_celery
):
    page, site, email = phone_page, demo_site, "xiaoyu@example.cn"

    register(page, site, email)
    honey = add_to_basket(page, site, PHONE_UPC)

    page.goto(site + "/shop/checkout/")
    page.wait_for_url("**/shop/checkout/shipping-address/")
    assert_no_sideways_scroll(page, "the address page")
    fill_address(page)

    assert_no_sideways_scroll(page, "the shipping page")
    expect(page.locator(".wf-shipping-notice")).to_have_count(0)
    standard = page.locator(".wf-shipping-method[data-method='standard']")
    expect(standard.locator("h4")).to_have_text("普通快递")
    standard.get_by_role("button", name="选择").click()

    page.wait_for_url("**/shop/checkout/preview/")
    assert_no_sideways_scroll(page, "the order preview")
    expect(page.locator("body")).to_contain_text(honey)
    expect(page.locator("#payment-method")).to_contain_text("支付宝")

    expect(page.locator("#place-order")).to_have_text("提交订单并付款")
    page.locator("#place-order").click()
    page.wait_for_url(re.compile(r"/payments/emulator/trades/\d+/$"))
    order = Order.objects.get(user__email=email)
    assert_no_sideways_scroll(page, "the cashier")
    cashier = page.locator("main")
    expect(cashier.locator(".emu-amount")).to_have_text(f"¥{order.total_incl_tax:.2f}")
    expect(cashier).to_contain_text("手机网站支付（QUICK_WAP_WAY）")

    page.get_by_role("button", name="确认付款").click()
    page.wait_for_url(re.compile(r"/payments/alipay/return/\?"))
    expect(page.locator("#payment-result")).to_have_text("支付成功")
    expect(page.locator(".wf-result")).to_contain_text(order.number)
    assert_no_sideways_scroll(page, "the payment result")


def test_shopper_who_left_the_cashier_pays_later_from_the_order_page(page, demo_site, eager_celery):
    site, email = demo_site, "laowang@example.cn"

    # 1. A shopper places an order and leaves Alipay's cashier without paying.
    register(page, site, email)
    add_to_basket(page, site, PHONE_UPC)
    page.goto(site + "/shop/checkout/")
    page.wait_for_url("**/shop/checkout/shipping-address/")
    fill_address(page)
    page.locator(".wf-shipping-method[data-method='standard']").get_by_role("button", name="选择").click()
    page.wait_for_url("**/shop/checkout/preview/")
    page.locator("#place-order").click()
    page.wait_for_url(re.compile(r"/payments/emulator/trades/\d+/$"))
    order = Order.objects.get(user__email=email)
    page.get_by_role("button", name="取消").click()

    # 2. Back on the order page (not "未找到该订单"): 去付款 until when, or 取消订单.
    page.wait_for_url(f"**/shop/accounts/orders/{order.number}/")
    expect(page.locator(".alert-info").first).to_contain_text("订单尚未付款：您可以去付款，或取消订单。")
    expect(page.locator("#order-cancel")).to_contain_text("取消订单")
    pay = page.locator("#order-pay")
    expect(page.locator("#order-status")).to_contain_text("前用支付宝完成付款，超时订单会自动关闭")

    # 3. 去付款 opens the same cashier, with the deadline Alipay was given; paying there pays the order.
    pay.get_by_role("button", name="去付款").click()
    page.wait_for_url(re.compile(r"/payments/emulator/trades/\d+/$"))
    cashier = page.locator("main")
    expect(cashier).to_contain_text(order.number)
    expect(cashier).to_contain_text("付款截止时间")
    page.get_by_role("button", name="确认付款").click()
    page.wait_for_url(re.compile(r"/payments/alipay/return/\?"))
    expect(page.locator("#payment-result")).to_have_text("支付成功")

    # 4. Paid: the order page no longer offers to pay.
    page.goto(site + f"/shop/accounts/orders/{order.number}/")
    expect(page.locator("#order-pay")).to_have_count(0)
    order.refresh_from_db()
    assert order.status == "已付款"
