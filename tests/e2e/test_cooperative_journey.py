"""A cooperative's whole journey, in a real browser: it registers and applies (申请入驻), the
operator approves it, it lists a product with a tier price, the operator reviews the listing, a
shopper finds it and reads its provenance, and a production batch's QR code opens a trace page."""

import datetime
import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from catalog.validators import cooperative_credit_code
from tests.e2e.steps import OPERATOR, log_in
from tests.uploads import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COOP_EMAIL = "gegen@example.cn"
COOP_PASSWORD = "Gegen-Coop-2026!"
SHOP_NAME = "随县草店镇葛香源种植专业合作社"
AREA = "草店镇桃园安置点"
TITLE = "随县高山野生葛根粉 500g"
BATCH = "GX-2026-1101"
LICENCE_PDF = pdf_bytes()


def choose(page, select_id, text):
    """Picks ``text`` in a select2-enhanced ``<select>`` as a user does: open the box, click it."""
    page.locator(f"#select2-{select_id}-container").click()
    options = page.locator(".select2-container--open .select2-results__option")
    options.filter(has_text=re.compile(f"^{re.escape(text)}$")).click()
    expect(page.locator(f"#select2-{select_id}-container")).to_have_text(text)


def open_tab(page, pane_id):
    page.locator(f'a.nav-link[href="#{pane_id}"]').click()
    expect(page.locator(f"#{pane_id}")).to_be_visible()


def search(page, words):
    page.locator("#wf-search-q").fill(words)
    page.locator("#wf-search-q").press("Enter")
    page.wait_for_url(re.compile(r"/shop/search/\?q="))
    return page.locator(".wf-card__title a").all_inner_texts()


def dashboard_menu(page, site, menu, item):
    """Opens a dashboard page through the dashboard's navigation menu."""
    if "/shop/dashboard/" not in page.url:
        page.goto(site + "/shop/dashboard/")
    nav = page.get_by_role("navigation").filter(has=page.get_by_role("link", name="信息中心", exact=True))
    nav.get_by_role("button", name=menu, exact=True).click()
    nav.get_by_role("link", name=item, exact=True).click()
    expect(page.locator("h1").first).to_contain_text(item)


def test_a_new_cooperative_applies_lists_a_product_and_its_batch_is_traceable(
    page, new_person, demo_site, tmp_path, eager_celery
):
    # ``eager_celery``: the new product's search text is built by a task, in-process even in CI.
    site = demo_site
    coop, operator, shopper = page, new_person(), new_person()

    # 1. The cooperative registers and applies to sell (申请入驻).
    coop.goto(site + "/shop/join/")
    coop.get_by_role("link", name="注册新账户").click()
    coop.locator("#id_email").fill(COOP_EMAIL)
    coop.locator("#id_password1").fill(COOP_PASSWORD)
    coop.locator("#id_password2").fill(COOP_PASSWORD)
    coop.get_by_role("button", name="注册").click()
    coop.wait_for_url("**/shop/join/")
    expect(coop.get_by_role("heading", name="合作社申请入驻")).to_be_visible()

    coop.get_by_label("店铺名称").fill(SHOP_NAME)
    coop.get_by_label("登记名称").fill(SHOP_NAME)
    coop.get_by_label("统一社会信用代码").fill(cooperative_credit_code("GEGEN2026"))
    coop.get_by_label("法定代表人").fill("葛大山")
    coop.get_by_label("联系电话").fill("13912345678")
    coop.get_by_label("地址").fill("随县草店镇桃园村 8 号")
    coop.get_by_label(AREA).check()
    coop.get_by_label("带动搬迁户数").fill("36")
    coop.get_by_label("吸纳就业人数").fill("12")
    coop.get_by_label("联农带农机制").fill("订单收购搬迁户种植的葛根，加工车间岗位优先安排搬迁群众。")
    coop.get_by_label("营业执照", exact=True).set_input_files(
        {"name": "licence.pdf", "mimeType": "application/pdf", "buffer": LICENCE_PDF}
    )
    coop.get_by_role("button", name="提交申请").click()
    expect(coop.locator(".alert-success")).to_contain_text("入驻申请已提交")
    expect(coop.locator("body")).to_contain_text("正在等待平台审核")
    expect(coop.get_by_role("heading", name=SHOP_NAME)).to_contain_text("待审核")

    # 2. The operator approves the application.
    log_in(operator, site, *OPERATOR)
    dashboard_menu(operator, site, "合作社", "入驻申请")
    row = operator.get_by_role("row").filter(has_text=SHOP_NAME)
    expect(row).to_contain_text("待审核")
    expect(row).to_contain_text(AREA)
    row.get_by_role("link", name="审核").click()
    operator.get_by_role("button", name="通过", exact=True).click()
    expect(operator.locator("body")).to_contain_text("已通过申请：合作社已开通，申请人已获得商家后台权限。")

    # 3. The cooperative lists a product (held for review) and gives it a tier price.
    coop.reload()
    expect(coop.locator("body")).to_contain_text("恭喜，申请已通过")
    coop.get_by_role("link", name="进入商家后台").click()
    coop.wait_for_url("**/shop/dashboard/")
    dashboard_menu(coop, site, "目录", "商品")
    coop.locator("#create_product_with_class_form").get_by_role("button").click()
    coop.wait_for_url("**/shop/dashboard/catalogue/products/create/**")

    coop.get_by_label("标题", exact=True).fill(TITLE)
    choose(coop, "id_origin_area", AREA)
    choose(coop, "id_storage", "常温")
    coop.get_by_label("净含量").fill("500")
    choose(coop, "id_net_unit", "克")
    open_tab(coop, "product_category")
    choose(coop, "id_productcategory_set-0-category", "特色加工 > 葛粉")
    open_tab(coop, "product_images")
    image = tmp_path / "gegen.png"
    Image.new("RGB", (400, 400), (214, 196, 160)).save(image, "PNG")
    coop.locator("#id_images-0-original").set_input_files(str(image))
    open_tab(coop, "product_stock")
    # The only cooperative on offer is the user's own.
    expect(coop.locator("#id_stockrecords-0-partner option:not([value=''])")).to_have_text([SHOP_NAME])
    coop.locator("#id_stockrecords-0-partner_sku").fill("GX-GGF-500")
    coop.locator("#id_stockrecords-0-num_in_stock").fill("200")
    coop.locator("#id_stockrecords-0-price").fill("58.00")
    coop.locator("button[name=action][value=save]").click()
    expect(coop.locator("body")).to_contain_text("商品已提交审核，审核通过后顾客才能看到。")
    expect(coop.get_by_role("row").filter(has_text=TITLE)).to_contain_text("待审核")

    coop.get_by_role("row").filter(has_text=TITLE).get_by_text(TITLE, exact=True).click()
    expect(coop.locator("#listing-review-state")).to_contain_text("商品正在等待平台审核")
    open_tab(coop, "product_stock")
    coop.get_by_role("link", name="编辑阶梯价").click()
    coop.locator("#id_tiers-0-min_quantity").fill("10")
    coop.locator("#id_tiers-0-price").fill("49.00")
    coop.get_by_role("button", name="保存阶梯价").click()
    expect(coop.locator("body")).to_contain_text("阶梯价已保存")
    expect(coop.locator("#tier_prices + table")).to_contain_text("≥10 ¥49.00")

    # 4. A shopper cannot find it while it waits for review.
    # From the shop's pages the header searches the shop (on the site's pages, the whole site).
    shopper.goto(site + "/shop/catalogue/")
    titles = search(shopper, "葛根粉")
    assert any("葛根粉" in title for title in titles), titles
    assert TITLE not in titles, "a product waiting for review was found by search"

    # 5. The operator reviews the listing and approves it.
    dashboard_menu(operator, site, "合作社", "商品审核")
    row = operator.locator("#review-list").get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text(SHOP_NAME)
    row.get_by_role("link", name="审核").click()
    listing = operator.locator("#review-product")
    expect(listing).to_contain_text("¥58.00")
    expect(listing).to_contain_text(AREA)
    expect(listing.get_by_role("img", name=TITLE)).to_be_visible()
    operator.get_by_role("button", name="通过", exact=True).click()
    expect(operator.locator("body")).to_contain_text("已通过审核")

    # 6. Now the shopper finds it and reads where it comes from.
    titles = search(shopper, "葛根粉")
    assert TITLE in titles, titles
    shopper.locator(".wf-card__title a", has_text=TITLE).click()
    expect(shopper.locator("h1").first).to_have_text(TITLE)
    expect(shopper.get_by_role("img", name=TITLE).first).to_be_visible()
    provenance = shopper.locator("#provenance")
    expect(provenance.get_by_role("heading", name="产地溯源")).to_be_visible()
    expect(provenance.get_by_role("row", name=re.compile("^合作社"))).to_contain_text(SHOP_NAME)
    expect(provenance.get_by_role("row", name=re.compile("^产地安置区"))).to_contain_text(AREA)
    expect(provenance.get_by_role("row", name=re.compile("^净含量"))).to_contain_text("500 克")
    expect(provenance.locator(".wf-tier-table")).to_contain_text("≥ 10")
    expect(provenance.locator(".wf-tier-table")).to_contain_text("¥49.00")

    # 7. The cooperative records a production batch; its QR code opens the trace page.
    dashboard_menu(coop, site, "合作社", "生产批次与溯源码")
    coop.get_by_role("link", name="登记批次").click()
    form = coop.locator("form").filter(has=coop.get_by_label("批次号"))
    choose(coop, "id_product", TITLE)
    form.get_by_label("批次号").fill(BATCH)
    form.get_by_label("采收/生产日期").fill((timezone.localdate() - datetime.timedelta(days=1)).isoformat())
    form.get_by_label("数量").fill("120")
    choose(coop, "id_unit", "袋")
    form.get_by_role("button", name="保存").click()
    expect(coop.locator("body")).to_contain_text(f"已登记批次 {BATCH}。")
    expect(coop.get_by_role("img", name="溯源二维码")).to_be_visible()
    trace_url = coop.get_by_role("row", name=re.compile("^溯源页面")).get_by_role("link").inner_text()
    assert re.fullmatch(r"http://[^/]+/shop/trace/[0-9a-f-]{36}/", trace_url), trace_url

    shopper.goto(trace_url)
    expect(shopper.locator("h1")).to_have_text(TITLE)
    expect(shopper.get_by_role("region", name="批次信息")).to_contain_text(BATCH)
    expect(shopper.get_by_role("region", name="生产合作社")).to_contain_text(SHOP_NAME)
    expect(shopper.get_by_role("region", name="产地安置区")).to_contain_text(AREA)
