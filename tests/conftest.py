"""Fixtures shared by the whole suite."""

import os
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.urls import reverse

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
