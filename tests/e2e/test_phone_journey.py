"""A shopper buys on a phone (390 × 844), as most shoppers do: the search box is in the header,
the catalogue's filters wait behind 筛选, the product page keeps its price and 加入购物车 in the
first screen, the checkout's steps all show, and the order page is cards. No page scrolls sideways."""

import re

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.e2e.steps import register_by_mobile
from tests.e2e.test_checkout_journey import assert_no_sideways_scroll, fill_address

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Order = get_model("order", "Order")

SCREEN_HEIGHT = 844


def in_first_screen(page, locator):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= SCREEN_HEIGHT


def test_a_phone_shopper_searches_tea_buys_two_and_sees_the_order_as_cards(
    phone_page, demo_site, eager_celery
):
    # A shopper with a mobile and no e-mail, as most are.
    page, site, mobile = phone_page, demo_site, "13607220001"
    page.goto(site + "/shop/accounts/register/")
    assert_no_sideways_scroll(page, "the sign-up page")
    register_by_mobile(page, site, mobile)

    # 1. The header's search box is there without opening the menu; 茶 finds the green teas.
    page.goto(site + "/shop/catalogue/")
    search = page.locator("header").get_by_role("searchbox")
    expect(search).to_be_visible()
    expect(page.locator("#wf-nav")).to_be_hidden()
    filters = page.locator(".wf-facets__toggle")
    expect(filters).to_contain_text("筛选")
    expect(page.locator(".wf-facets__body")).to_be_hidden()
    assert in_first_screen(page, page.locator(".product_pod").first), (
        "the first product is below the first screen"
    )
    assert_no_sideways_scroll(page, "the catalogue")
    search.fill("茶")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/shop/search/\?q="))
    titles = page.locator(".wf-card__title a").all_inner_texts()
    assert any("绿茶" in title for title in titles), titles

    # 2. The product page: price and 加入购物车 in the first screen, in the bar at the bottom.
    page.locator(".wf-card__title a", has_text="绿茶").first.click()
    title = page.locator("h1").first.inner_text().strip()
    bar = page.locator("#add_to_basket_form")
    add = bar.get_by_role("button", name="加入购物车")
    assert in_first_screen(page, add), "加入购物车 is not in the first screen"
    expect(bar.locator(".wf-buy-bar__price")).to_have_text(re.compile(r"^¥\d+\.\d{2}$"))
    assert_no_sideways_scroll(page, "the product page")
    page.mouse.wheel(0, 1500)
    assert in_first_screen(page, add), "加入购物车 scrolled away"

    # 3. Two of them, with the + button.
    bar.get_by_role("button", name="增加数量").click()
    expect(bar.get_by_role("spinbutton", name="数量")).to_have_value("2")
    add.click()
    expect(page.locator(".alert-success").first).to_contain_text(f"{title} × 2 已加入购物车")

    # 4. Basket and checkout: every step of the step bar shows.
    page.goto(site + "/shop/basket/")
    assert_no_sideways_scroll(page, "the basket")
    page.get_by_role("link", name="进行结算").click()
    page.wait_for_url("**/shop/checkout/shipping-address/")
    steps = page.locator(".nav-checkout .nav-item")
    for index in range(steps.count()):
        assert in_first_screen(page, steps.nth(index)), f"checkout step {index + 1} is cut off"
    step_bar = page.locator(".nav-checkout .navbar-nav")
    assert step_bar.evaluate("bar => bar.scrollWidth <= bar.clientWidth"), "the step bar scrolls sideways"
    fill_address(page)
    page.locator(".wf-shipping-method").first.get_by_role("button", name="选择").click()
    page.wait_for_url("**/shop/checkout/preview/")
    page.locator("#place-order").click()

    # 5. Alipay's phone cashier; paying brings the shopper back to 支付成功.
    page.wait_for_url(re.compile(r"/payments/emulator/trades/\d+/$"))
    order = Order.objects.get(user__mobile=mobile)
    page.get_by_role("button", name="确认付款").click()
    page.wait_for_url(re.compile(r"/payments/alipay/return/\?"))
    expect(page.locator("#payment-result")).to_have_text("支付成功")

    # 6. The order page as cards: the line's 单价, 数量 and 小计 readable, nothing squeezed.
    page.goto(site + f"/shop/accounts/orders/{order.number}/")
    line = page.locator("#order-lines .wf-order-line").first
    expect(line).to_contain_text(title)
    line_figures = line.locator(".wf-order-line__figures")
    expect(line_figures).to_contain_text("单价")
    expect(line_figures).to_contain_text("数量")
    expect(line_figures).to_contain_text("小计")
    expect(line_figures.locator("dd").nth(1)).to_have_text("2")
    expect(page.locator("#order-totals")).to_contain_text(f"¥{order.total_incl_tax:.2f}")
    assert line.bounding_box()["width"] > 300, "the order line is squeezed"
    assert_no_sideways_scroll(page, "the order page")
