"""Background work goes through a real Celery worker and Redis when ``REDIS_URL`` is set."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from catalog.selectors import product_list_for_shoppers, product_search
from tests.factories import ProductFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(
        not settings.REDIS_URL or connection.vendor != "postgresql",
        reason="needs REDIS_URL and PostgreSQL: a worker process cannot share SQLite's test database",
    ),
]


@pytest.fixture
def celery_worker(django_db_serialized_rollback, transactional_db):
    """A real worker process, like production's, pointed at the test database."""
    database = connection.settings_dict
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "shop", "worker", "--pool=solo", "--loglevel=WARNING"],
        cwd=ROOT,
        env=env,
    )
    yield worker
    worker.terminate()
    worker.wait(timeout=30)


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_saving_a_product_makes_it_searchable_through_the_worker(celery_worker):
    with transaction.atomic():
        product = ProductFactory(title="随州花菇 500g", search_text="")

    assert wait_for(
        lambda: product_search(product_list_for_shoppers(), "花菇").filter(pk=product.pk).exists()
    ), "the worker did not refresh the product's search text"
