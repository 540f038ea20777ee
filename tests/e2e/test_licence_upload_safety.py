"""An applicant tries to plant script in the operator's session through the business licence,
in a real browser: an HTML page behind a PDF header is refused at /shop/join/; a real PDF that
also carries a ``<script>`` is accepted, and when the operator opens it from the application,
the browser gets a sandboxed PDF (shown or downloaded) and runs no script."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from catalog.models import CooperativeApplication, ResettlementArea
from catalog.validators import cooperative_credit_code
from tests.e2e.steps import log_in
from tests.uploads import HTML_BEHIND_PDF_HEADER, SCRIPT, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Licence-Test-2026!"
SHOP_NAME = "随县万和镇双河蜂蜜专业合作社"
AREA = "万和镇双河安置点"


@pytest.fixture
def people(live_server, settings):
    settings.SITE_URL = live_server.url
    ResettlementArea.objects.create(name=AREA, slug="shuanghe", town="万和镇")
    users = get_user_model().objects
    applicant = users.create_user("fengmi@example.cn", PASSWORD)
    operator = users.create_user("yunying@example.cn", PASSWORD)
    operator.is_staff = True
    operator.save(update_fields=["is_staff"])
    return applicant, operator


def fill_application(page, licence_name, licence):
    page.get_by_label("店铺名称").fill(SHOP_NAME)
    page.get_by_label("登记名称").fill(SHOP_NAME)
    page.get_by_label("统一社会信用代码").fill(cooperative_credit_code("FENGM2026"))
    page.get_by_label("法定代表人").fill("蜂大山")
    page.get_by_label("联系电话").fill("13912345679")
    page.get_by_label("地址").fill("随县万和镇双河村 2 号")
    page.get_by_label(AREA).check()
    page.get_by_label("联农带农机制").fill("保底收购搬迁户的蜂蜜。")
    page.get_by_label("营业执照", exact=True).set_input_files(
        {"name": licence_name, "mimeType": "application/pdf", "buffer": licence}
    )
    page.get_by_role("button", name="提交申请").click()


def test_html_licence_is_refused_and_a_pdf_with_a_script_never_runs_for_the_operator(
    page, new_person, live_server, people
):
    site = live_server.url
    applicant, operator_user = people
    applicant_page, operator = page, new_person()

    # 1. The applicant's HTML "licence" is refused with a Chinese message; nothing is saved.
    log_in(applicant_page, site, applicant.email, PASSWORD)
    applicant_page.goto(site + "/shop/join/")
    fill_application(applicant_page, "licence.html", HTML_BEHIND_PDF_HEADER)
    expect(applicant_page.locator("body")).to_contain_text("文件不是有效的 PDF，或已损坏。")
    assert not CooperativeApplication.objects.exists()

    # 2. A real PDF that also carries a <script> parses, so it is accepted.
    fill_application(applicant_page, "licence.pdf", pdf_bytes(comment=SCRIPT))
    expect(applicant_page.locator(".alert-success")).to_contain_text("入驻申请已提交")

    # 3. The operator opens 营业执照 from the application: a PDF, shown or downloaded, no script.
    log_in(operator, site, operator_user.email, PASSWORD)
    operator.goto(site + "/shop/dashboard/cooperatives/applications/")
    operator.get_by_role("row").filter(has_text=SHOP_NAME).get_by_role("link", name="审核").click()
    dashboard_title = operator.title()
    link = operator.get_by_role("link", name="查看营业执照")
    licence_url = link.get_attribute("href")

    downloads = []
    operator.context.on("page", lambda tab: tab.on("download", lambda download: downloads.append(download)))
    with operator.context.expect_page() as opened:
        link.click()
    opened.value.wait_for_load_state()
    operator.wait_for_timeout(500)  # give a script, were it run, the time to act

    assert operator.title() == dashboard_title
    for tab in operator.context.pages:
        assert tab.evaluate("document.title") != "pwned"

    # What the browser was sent: the checked type, sandboxed, never HTML.
    response = operator.request.get(site + licence_url)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"].startswith("sandbox;")
    assert re.match(r"inline; filename\*=utf-8''.+\.pdf$", response.headers["content-disposition"])
    assert response.body() == pdf_bytes(comment=SCRIPT)
    if downloads:
        assert downloads[0].suggested_filename.endswith(".pdf")

    # Loading it in place of a page (not a new tab) runs no script either.
    try:
        operator.goto(site + licence_url)
    except PlaywrightError as error:  # a browser that downloads PDFs aborts the navigation
        assert "Download is starting" in str(error)
    else:
        assert operator.evaluate("document.title") != "pwned"
