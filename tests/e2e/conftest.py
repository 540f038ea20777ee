"""Real-browser tests: Playwright driving Debian's headless Chromium against a live server.

Where Chromium is missing these tests skip, except when ``WENFU_REQUIRE_BROWSER=1`` (CI sets
it): then they fail, so a CI run can never pass without having driven a browser.
"""

import os
import shutil

import pytest
from django.core.management import call_command

from tests.conftest import reference_data_load

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests make
# around it are still synchronous, which Django must be told is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_available():
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        message = f"Chromium not found at {CHROMIUM}"
        if os.environ.get("WENFU_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


#: A phone says it is one in its user agent; the shop picks Alipay's WAP cashier by it.
IPHONE_USER_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148"
)
PHONE_WIDTH = 390


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": PHONE_WIDTH, "height": 844},
        is_mobile=True,
        has_touch=True,
        user_agent=IPHONE_USER_AGENT,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def new_person(browser):
    """Opens a desktop page in a browser context of its own: one person, one set of cookies."""
    contexts = []

    def open_page():
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def demo_site(live_server, settings):
    """The demo county served by a live server (Wagtail's Site must answer the server's host),
    whose Alipay is the local emulator: the pay request, the cashier and the emulator's notify
    all go to the live server."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = live_server.url
    settings.ALIPAY_EMULATOR = True
    settings.DEBUG = True  # as development runs the emulator: its keys are refused otherwise
    settings.ROOT_URLCONF = "tests.shop.payments.site_urls"
    # Real keys in the environment would take precedence over the emulator.
    settings.ALIPAY_APP_PRIVATE_KEY = ""
    settings.ALIPAY_PUBLIC_KEY = ""
    reference_data_load()
    call_command("load_demo", i_know_this_is_not_production=True, verbosity=0)
    return live_server.url
