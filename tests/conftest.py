"""Fixtures shared by the whole suite."""

from importlib import import_module

import pytest
from django.apps import apps

from shop.celery import app as celery_app


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated images go to a per-test folder, never the developer's media."""
    settings.MEDIA_ROOT = tmp_path / "media"


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
