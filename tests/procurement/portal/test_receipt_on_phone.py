"""验收 in a canteen's kitchen, on a phone (390 × 844) in real Chromium: the 验收员 finds the
delivery on the portal's home, accepts 48 of 50 cases with a reason and a photo, and sees the
accepted total; nothing on the page is wider than the phone."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.conftest import PHONE_WIDTH, reference_data_load
from tests.e2e.steps import log_in

from .conftest import approved, shipped

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    reference_data_load()


def _page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_receiver_records_a_shortfall_with_a_photo_on_a_phone(
    phone_page, live_server, settings, world, next_week, tmp_path
):
    settings.SITE_URL = live_server.url
    purchase_order = approved(world, next_week)
    supplier_order = shipped(purchase_order.supplier_orders.get(), world.coop_a_user)
    page = phone_page

    # 1. The 验收员 logs in and finds the delivery waiting on the portal's home.
    log_in(page, live_server.url, "receiver@example.cn", "secret-pass-123")
    page.goto(live_server.url + "/procurement/")
    receipts = page.locator('[data-task="receipts"]')
    expect(receipts).to_contain_text("待验收的到货")
    assert _page_width(page) <= PHONE_WIDTH
    page.screenshot(path=tmp_path / "home-390.png", full_page=True)
    receipts.get_by_role("link", name="验收").click()

    # 2. The form starts at what was delivered; 48 of 50 cases of 香菇 are fine, two are broken.
    expect(page.get_by_role("heading", name="随县香菇专业合作社")).to_be_visible()
    mushroom = page.locator("fieldset", has_text="随州香菇 5kg")
    accepted = mushroom.get_by_label("合格数量")
    expect(accepted).to_have_value("50")
    assert _page_width(page) <= PHONE_WIDTH
    accepted.fill("48")
    mushroom.get_by_label("拒收原因").fill("两箱压坏")
    photo = io.BytesIO()
    Image.new("RGB", (320, 240), "saddlebrown").save(photo, format="JPEG")
    mushroom.locator('input[type="file"]').set_input_files(
        [{"name": "破损.jpg", "mimeType": "image/jpeg", "buffer": photo.getvalue()}]
    )
    page.screenshot(path=tmp_path / "receive-390.png", full_page=True)

    # 3. A first try with more than was delivered of 木耳 is refused and changes nothing.
    fungus = page.locator("fieldset", has_text="随县黑木耳 1kg")
    fungus.get_by_label("合格数量").fill("6")
    page.get_by_role("button", name="确认验收").click()
    expect(page.locator("fieldset", has_text="随县黑木耳 1kg")).to_contain_text(
        "合格数量不能超过送达数量 5。"
    )
    supplier_order.refresh_from_db()
    assert supplier_order.state == "shipped"

    # 4. Corrected (the photo is chosen again: a browser never keeps a file across a reload).
    page.locator("fieldset", has_text="随县黑木耳 1kg").get_by_label("合格数量").fill("5")
    page.locator("fieldset", has_text="随州香菇 5kg").locator('input[type="file"]').set_input_files(
        [{"name": "破损.jpg", "mimeType": "image/jpeg", "buffer": photo.getvalue()}]
    )
    page.get_by_role("button", name="确认验收").click()

    # 5. The order page shows the receipt, the photo and the accepted total: 48 × 120 + 5 × 70.
    expect(page.get_by_text("验收已记录。")).to_be_visible()
    expect(page.locator("[data-accepted-total]")).to_have_text("¥6110.00")
    expect(page.locator("[data-state]")).to_have_text("已验收")
    image = page.get_by_role("img", name="验收照片")
    expect(image).to_be_visible()
    # The photo loads after the page does: wait for its width rather than reading 0. (Polled on
    # the element: a string predicate would be eval'ed in the page, which its CSP forbids.)
    expect(image).to_have_js_property("naturalWidth", 320)
    assert _page_width(page) <= PHONE_WIDTH
    page.screenshot(path=tmp_path / "accepted-390.png", full_page=True)
