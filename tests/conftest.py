"""Fixtures shared by the whole suite."""

import pytest

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
