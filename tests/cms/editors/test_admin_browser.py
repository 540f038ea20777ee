"""A new tourism editor walks the admin in a Chinese browser: signs in, looks around, tries a page
with a mistake, opens the images; everything is in Chinese and no request leaves the site."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from shop.users.demo import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def admin_site(live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = live_server.url
    return live_server.url


def test_new_editor_walks_the_admin_in_chinese_without_leaving_the_site(admin_site, sections, page):
    host = urlsplit(admin_site).netloc
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != host
            else None
        ),
    )

    # 1. The login page names the site, and every label is Chinese.
    page.goto(f"{admin_site}/cms/login/")
    assert page.locator("h1").inner_text() == "登录稳富管理后台"
    assert page.get_by_label("密码").count() == 1
    page.get_by_label("电子邮件地址").fill("tourism@wenfu.cn")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    # 2. The dashboard counts pages and images in Chinese and offers to search them.
    page.wait_for_url(f"{admin_site}/cms/")
    expect(page.get_by_text("个页面").first).to_be_visible()
    expect(page.get_by_placeholder("搜索全部页面…")).to_be_visible()

    # 3. A new attraction whose title gives no address is refused, in Chinese.
    page.goto(f"{admin_site}/cms/pages/{sections['xiangcun-lvyou'].pk}/add_subpage/")
    page.get_by_role("link", name="观光点/景点").first.click()
    page.wait_for_url("**/cms/pages/add/tourism/attractionpage/**")
    page.locator("#id_title").fill("！！！")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("页面未能创建：有内容需要修改，请查看标红的字段。")).to_be_visible()
    expect(page.get_by_text("无法从标题生成网址")).to_be_attached()

    # 4. The empty image library says so in Chinese.
    page.goto(f"{admin_site}/cms/images/")
    expect(page.get_by_text("还没有上传图片。")).to_be_visible()

    assert elsewhere == []
