"""Fixtures shared by the whole suite."""

import os
import shutil
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from catalog.listing_cache import listings_forget
from shop.celery import app as celery_app


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, a test database in a file of this run's (one per xdist worker) rather than in
    memory. Django hands an in-memory database's one connection to every thread of the live
    server, and two requests of one page at once (an image, a script) could deadlock on it; a
    file gives each thread its own connection, and WAL lets them read while another writes."""
    database = django_settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    test_name = str(tmp_path_factory.getbasetemp() / f"{worker}.sqlite3")
    database["TEST"] = {**database.get("TEST", {}), "NAME": test_name}
    # The test database is thrown away: durability is not worth a disk flush per commit.
    database["OPTIONS"] = {
        **database.get("OPTIONS", {}),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF",
    }


@pytest.fixture(autouse=True)
def _wagtail_site_root_paths():
    """Wagtail caches its sites' root paths and clears them when a site is saved; a test's rolled
    back transaction saves nothing, so the next test could be served a site that no longer exists."""
    yield
    cache.delete(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)


@pytest.fixture(autouse=True)
def _fresh_listings():
    """Cached product listings are kept per version, not per database: a test's rolled-back rows
    must not be served to the next test of the same process."""
    listings_forget()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated images go to a per-test folder, never the developer's media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    """Private documents (licences, qualification documents) go to a per-test folder too."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def eager_celery():
    """Runs tasks in-process even where REDIS_URL configures a real broker (as in CI).

    Celery read its settings when the app was created, so Django's ``settings`` fixture cannot
    change this; the app's own configuration can, and is restored afterwards.
    """
    conf = celery_app.conf
    saved = {"task_always_eager": conf.task_always_eager, "task_eager_propagates": conf.task_eager_propagates}
    conf.update(task_always_eager=True, task_eager_propagates=True)
    yield
    conf.update(saved)


@pytest.fixture
def shop_login(client):
    """Posts the shop's login form (an e-mail or a mobile) as a person would, through the
    throttling; returns the response. Tests that only need someone signed in use
    ``client.force_login``: Django's ``client.login`` passes no request, which axes requires."""

    def log_in(username, password, *, ip="203.0.113.7"):
        return client.post(
            reverse("customer:login"),
            {"login-username": username, "login-password": password, "login_submit": "1"},
            REMOTE_ADDR=ip,
        )

    return log_in


@pytest.fixture(scope="session")
def alipay_emulator_key_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("alipay-emulator")


@pytest.fixture(autouse=True)
def _alipay_emulator_keys(settings, alipay_emulator_key_dir):
    """The emulator's development keys are made once per run in a temporary folder, never in
    the developer's ``var/``."""
    settings.ALIPAY_EMULATOR_KEY_DIR = alipay_emulator_key_dir


def reference_data_load():
    """Loads again what data migrations load (divisions, the CN country, shipping rates, e-mail
    event types) when an earlier transactional test's flush has removed it."""
    divisions = import_module("shop.address.migrations.0009_load_gb2260_divisions")
    if not apps.get_model("address", "Division").objects.exists():
        divisions.load_divisions(apps, None)
    divisions.add_china(apps, None)
    import_module("shop.shipping.migrations.0005_default_shipping_rates").create_default_rates(apps, None)
    import_module("shop.payments.migrations.0002_order_email_event_types").event_types_create(apps, None)
    import_module("procurement.migrations.0002_email_event_types").event_types_create(apps, None)


# --- Real browsers --------------------------------------------------------------------------------
# Playwright driving Debian's headless Chromium. Where Chromium is missing these tests skip, except
# when ``WENFU_REQUIRE_BROWSER=1`` (CI sets it): then they fail, so a CI run can never pass without
# having driven a browser. One session browser for the whole suite: Playwright's sync API allows
# one running instance per process.

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
