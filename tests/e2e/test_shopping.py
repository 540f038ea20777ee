"""A shopper's first visit, in a real browser: home → shop → product → basket."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_shopper_finds_a_product_and_sees_the_basket_total_in_yuan(page, demo_site):
    page.goto(demo_site + "/")
    assert page.locator("h1").first.inner_text().strip() != ""
    assert "稳得住" in page.content()

    page.get_by_role("link", name="特产商城", exact=True).first.click()
    page.wait_for_url("**/shop/catalogue/")
    first_card = page.locator("article.product_pod").first
    title = first_card.locator(".wf-card__title a").inner_text().strip()
    price = first_card.locator(".wf-price").inner_text().strip()
    assert price.startswith("¥")

    first_card.locator(".wf-card__title a").click()
    assert page.locator("h1").first.inner_text().strip() == title
    page.get_by_role("button", name=re.compile("加入购物车")).first.click()

    page.goto(demo_site + "/shop/basket/")
    basket = page.locator("#content_inner, main").first.inner_text()
    assert title in basket
    assert price in basket
    assert page.locator(".wf-basket-count").first.inner_text().strip() == "1"


def test_phone_shopper_opens_the_menu_and_searches_in_chinese(phone_page, demo_site):
    page = phone_page
    page.goto(demo_site + "/")
    shop_link = page.locator("#wf-nav").get_by_role("link", name="特产商城", exact=True)
    assert not shop_link.is_visible(), "the navigation should fold into a menu on a phone"
    page.get_by_role("button", name="展开导航").click()
    shop_link.click()
    page.wait_for_url("**/shop/catalogue/")

    page.goto(demo_site + "/shop/search/?q=" + "蜂蜜")
    titles = page.locator(".wf-card__title a").all_inner_texts()
    assert any("蜂蜜" in title for title in titles)
    assert not any("香菇" in title or "木耳" in title for title in titles)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
