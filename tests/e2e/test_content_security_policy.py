"""The storefront, Wagtail pages, the dashboard and Wagtail's admin work in a real browser under
the content security policy: no script, style or image of theirs is refused."""

import pytest

from .steps import OPERATOR, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Runs before any page script (Playwright injects it outside the page's policy).
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def watched_page(page):
    page.add_init_script(COLLECT_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)

    def violations():
        reported = page.evaluate("window.__cspViolations")
        return reported + [text for text in console if "Content Security Policy" in text]

    page.violations = violations
    return page


def visit(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.violations() == [], url


def test_the_storefront_loads_and_its_scripts_run_under_the_policy(watched_page, demo_site):
    page = watched_page
    for path in ["/", "/xiangcun-lvyou/", "/shop/catalogue/", "/shop/basket/", "/shop/accounts/login/"]:
        visit(page, demo_site + path)

    page.goto(demo_site + "/shop/catalogue/")
    page.locator("article.product_pod .wf-card__title a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.violations() == []

    # The language selector's script is a static file now: picking English switches at once.
    # The page is already on a catalogue URL, so wait for the navigation itself, not for a URL.
    with page.expect_navigation():
        page.locator("#wf-language").select_option("en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.violations() == []


def test_the_dashboard_and_wagtail_admin_load_under_their_policy(watched_page, demo_site):
    page = watched_page
    log_in(page, demo_site, *OPERATOR)
    for path in [
        "/shop/dashboard/",
        "/shop/dashboard/catalogue/",
        "/shop/dashboard/orders/",
        "/cms/",
        "/cms/pages/",
    ]:
        visit(page, demo_site + path)

    # Oscar's "or cancel" back link is an inline handler, allowed by its hash.
    visit(page, demo_site + "/shop/accounts/profile/")
    visit(page, demo_site + "/shop/accounts/profile/edit/")
    page.locator("#profile_form a[onclick]").click()
    page.wait_for_url("**/shop/accounts/profile/")
    assert page.violations() == []

    # Logging out is the header's POST button.
    page.goto(demo_site + "/shop/catalogue/")
    page.get_by_role("button", name="退出", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("link", name="登录", exact=True).first.is_visible()
    assert page.violations() == []


def test_an_order_page_of_the_dashboard_runs_its_scripts_without_an_error(watched_page, demo_site):
    """Oscar 4.2's order page called a function its dashboard script no longer has, and every
    script after it (the tabs among them) stopped there."""
    page = watched_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, demo_site, *OPERATOR)
    page.goto(demo_site + "/shop/dashboard/orders/")
    page.locator("table a[href*='/shop/dashboard/orders/'][href$='/']").first.click()
    page.wait_for_load_state("networkidle")

    assert (
        "/shop/dashboard/orders/" in page.url and page.url.rstrip("/") != demo_site + "/shop/dashboard/orders"
    )
    assert errors == []
    assert page.violations() == []
