"""A festival from the tourism bureau's admin to a visitor's calendar, in a real browser: the
tourism editor creates 大洪山中秋赏月会 on 农历八月十五 at 大洪山风景区 with two honey products
chosen by searching, and submits it; the reviewer approves it from the dashboard; a visitor finds it
under 即将举办 and in the month calendar, downloads its ICS, goes to one of its products, whose
page links back to the festival; and on a phone a route page shows its map without sideways
scrolling."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from tyme4py.lunar import LunarDay

from tests.conftest import PHONE_WIDTH
from tests.e2e.steps import cms_log_in

# serialized_rollback: the flush after the test would otherwise take the data migrations' rows
# (divisions, shipping rates) from the tests that run after it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EDITOR, REVIEWER = "tourism@wenfu.cn", "tourism-review@wenfu.cn"
TITLE = "大洪山中秋赏月会"
VENUE = "大洪山风景区"
#: Each product as the editor finds it in the chooser: (what she types, the product's title).
PRODUCTS = [("蜂蜜", "高山土蜂蜜 500g"), ("蜂巢", "大洪山土蜂巢蜜 400g")]
#: 农历八月十五, 18:30 for four hours.
LUNAR_MONTH, LUNAR_DAY, STARTS, HOURS = "八月", "十五", datetime.time(18, 30), 4


def mid_autumn(year):
    """The start of 中秋 evening of ``year`` in Beijing time, from the lunar calendar itself
    rather than from the site's occurrences (八月十五 always falls in September or October)."""
    solar = LunarDay.from_ymd(year, 8, 15).get_solar_day()
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date(solar.get_year(), solar.get_month(), solar.get_day()), STARTS)
    )


def last_and_next_mid_autumn():
    """The last 中秋 evening that has ended and the next one that has not."""
    now = timezone.localtime()
    year = now.year if mid_autumn(now.year) + datetime.timedelta(hours=HOURS) > now else now.year + 1
    return mid_autumn(year - 1), mid_autumn(year)


def day_text(moment):
    return f"{moment.year}年{moment.month}月{moment.day}日"


def expect_modal_closed(page):
    """The chooser's modal and its fading backdrop are gone, so the form takes clicks again."""
    expect(page.locator(".modal-dialog")).to_be_hidden()
    expect(page.locator(".modal-backdrop")).to_have_count(0)


def choose_product(page, index, query, title):
    """Adds a 关联商品 row and picks ``title`` in the chooser after searching for ``query``."""
    page.get_by_role("button", name="增加 关联商品").click()
    chooser = page.locator(f"#id_products-{index}-product-chooser")
    chooser.get_by_role("button", name="选择商品").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_label("搜索商品").fill(query)
    modal.get_by_role("link", name=title).click()
    expect_modal_closed(page)
    expect(chooser).to_contain_text(title)


def test_a_lunar_festival_goes_from_the_editor_through_review_to_a_visitors_calendar(
    page, new_person, phone_page, demo_site, settings, tmp_path
):
    site = demo_site
    # Wagtail's autosave creates a new page as a draft once it sees edits, then rewrites the form;
    # at a test's speed (not a person's) product rows added or a submit sent meanwhile are lost to
    # it. Autosaving is Wagtail's business, not this journey's: it is off here.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    last, starts = last_and_next_mid_autumn()
    day = day_text(starts)

    # 1. The tourism editor adds a festival under 节庆活动.
    editor = page
    cms_log_in(editor, site, EDITOR)
    editor.goto(site + "/cms/pages/")
    editor.get_by_role("link", name="查看'节庆活动'的子页面").click()
    editor.get_by_role("link", name="添加子页面").click()
    editor.wait_for_url("**/cms/pages/add/events/eventpage/**")
    expect(editor.get_by_role("navigation", name="面包屑导航")).to_contain_text("新建: 节庆活动")
    editor.get_by_placeholder("页面标题*").fill(TITLE)
    editor.get_by_role("textbox", name="摘要").fill("农历八月十五，在大洪山赏月，尝洪山镇的土蜂蜜。")

    # … held at an attraction, chosen in Wagtail's page chooser …
    editor.get_by_role("button", name="选择一个页面 (观光点/景点)").click()
    modal = editor.locator(".modal-dialog")
    modal.get_by_role("link", name=VENUE).click()
    expect_modal_closed(editor)
    expect(editor.locator("#id_venue_attraction-chooser")).to_contain_text(VENUE)

    # … every year on 农历八月十五 …
    editor.get_by_role("combobox", name="农历月").select_option(label=LUNAR_MONTH)
    editor.get_by_role("combobox", name="农历日").select_option(label=LUNAR_DAY)
    editor.get_by_role("textbox", name="开始时间", exact=True).fill(f"{STARTS:%H:%M}")
    editor.get_by_role("spinbutton", name="时长（小时）", exact=True).fill(str(HOURS))

    # … featuring two products found by searching the product chooser.
    for index, (query, title) in enumerate(PRODUCTS):
        choose_product(editor, index, query, title)
    editor.screenshot(path=tmp_path / "1-editor-form.png", full_page=True)
    # The editor may not publish: the footer's main action saves a draft, the menu submits.
    expect(editor.get_by_role("button", name="发布")).to_have_count(0)
    editor.get_by_role("button", name="更多动作").click()
    editor.get_by_role("button", name="提交旅游局审核").click()
    expect(editor.get_by_text(f"页面 '{TITLE}' 已创建并提交审核。")).to_be_visible()
    expect(editor.get_by_role("row", name=TITLE)).to_contain_text("审核中")
    editor.screenshot(path=tmp_path / "2-editor-submitted.png")

    # Not on the site yet.
    visitor = new_person()
    visitor.goto(site + "/jieqing-huodong/")
    expect(visitor.get_by_role("link", name="炎帝故里寻根节").first).to_be_visible()
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)

    # 2. The reviewer approves it from the dashboard's 等待你审核.
    reviewer = new_person()
    cms_log_in(reviewer, site, REVIEWER)
    awaiting = reviewer.locator("#awaiting-review-content tr", has_text=TITLE)
    expect(awaiting).to_contain_text("周文旅")
    reviewer.screenshot(path=tmp_path / "3-reviewer-dashboard.png")
    awaiting.get_by_role("button", name="操作").click()
    awaiting.get_by_role("button", name="批准", exact=True).click()
    # The dashboard comes back without it, and the section lists it as published.
    expect(reviewer.locator("#awaiting-review-content tr", has_text=TITLE)).to_have_count(0)
    reviewer.goto(site + "/cms/pages/")
    reviewer.get_by_role("link", name="查看'节庆活动'的子页面").click()
    expect(reviewer.get_by_role("row", name=TITLE)).to_contain_text("已发布")

    # 3. A visitor finds it under 即将举办, with its next date and its lunar date …
    visitor.goto(site + "/jieqing-huodong/")
    expect(visitor.get_by_role("link", name="即将举办")).to_have_attribute("aria-current", "page")
    card = visitor.locator(".ev-list .ev-card", has_text=TITLE)
    expect(card).to_contain_text(day)
    expect(card).to_contain_text("18:30–22:30")
    expect(card).to_contain_text("农历八月十五")
    # (its town is the attraction's, which the editor did not type)
    expect(card.locator(".wf-card__coop")).to_have_text("大洪山风景区")
    visitor.screenshot(path=tmp_path / "4-visitor-upcoming.png", full_page=True)
    visitor.get_by_role("link", name="往期回顾").click()
    expect(visitor.get_by_role("link", name="往期回顾")).to_have_attribute("aria-current", "page")
    # (a yearly festival is there too, with last year's evening)
    expect(visitor.locator(".ev-list .ev-card", has_text=TITLE)).to_contain_text(day_text(last))

    # … and in the calendar of its month (picked in the 月份 filter), on its day.
    visitor.get_by_role("link", name="月历").click()
    expect(visitor.get_by_role("link", name="月历")).to_have_attribute("aria-current", "page")
    visitor.get_by_label("月份").fill(f"{starts:%Y-%m}")
    visitor.get_by_role("button", name="筛选").click()
    expect(visitor).to_have_url(re.compile(rf"/jieqing-huodong/calendar/\?month={starts:%Y-%m}"))
    expect(visitor.locator("h2.ev-month__title")).to_have_text(f"{starts.year}年{starts.month}月")
    cell = visitor.locator(".ev-day", has=visitor.locator(f"time[datetime='{starts:%Y-%m-%d}']"))
    expect(cell.get_by_role("link", name=TITLE)).to_be_visible()
    expect(cell).to_contain_text("18:30–22:30")
    visitor.screenshot(path=tmp_path / "5-visitor-calendar.png", full_page=True)

    # The festival's page says when and where, and gives its calendar file …
    cell.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator(".ev-when__next")).to_contain_text(day)
    expect(visitor.locator(".ev-when__next")).to_contain_text("农历八月十五")
    expect(visitor.locator(".ev-facts").get_by_role("link", name=VENUE)).to_be_visible()
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="加入日历（ICS）").click()
    assert download.value.suggested_filename.endswith(".ics")
    # RFC 5545 folds long lines; unfolded, each property reads on one line.
    ics = Path(download.value.path()).read_text(encoding="utf-8").replace("\r\n ", "")
    assert "BEGIN:VCALENDAR" in ics
    assert f"SUMMARY:{TITLE}" in ics
    assert f"DTSTART;TZID=Asia/Shanghai:{starts:%Y%m%dT%H%M}00" in ics
    assert "TZID:Asia/Shanghai" in ics

    # … and its products, one click from the shop's product page …
    goods = visitor.locator("section", has=visitor.get_by_role("heading", name="节庆好物"))
    for _query, title in PRODUCTS:
        expect(goods.get_by_role("link", name=title).first).to_be_visible()
    visitor.screenshot(path=tmp_path / "6-visitor-festival.png", full_page=True)
    goods.get_by_role("link", name=PRODUCTS[0][1]).first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(PRODUCTS[0][1])

    # … which links back to the festival under 去产地走走.
    featuring = visitor.locator(".wf-featuring")
    expect(featuring).to_contain_text("节庆活动")
    expect(featuring).to_contain_text(day)
    featuring.scroll_into_view_if_needed()
    visitor.screenshot(path=tmp_path / "7-visitor-product.png")
    featuring.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)

    # 4. On a phone, a route of 乡村旅游 shows its map and fits the screen.
    phone_page.goto(site + "/xiangcun-lvyou/")
    phone_page.get_by_role("link", name="炎帝故里寻根之旅").first.click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("炎帝故里寻根之旅")
    route_map = phone_page.locator("svg.wf-route-map")
    expect(route_map).to_be_visible()
    expect(route_map.locator(".wf-route-map__stop")).to_have_count(3)
    assert route_map.bounding_box()["width"] > PHONE_WIDTH * 0.75
    assert phone_page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    phone_page.screenshot(path=tmp_path / "8-phone-route.png", full_page=True)
