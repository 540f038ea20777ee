"""`make run`'s scheduler closes unpaid orders: the worker-with-beat command the Makefile starts
beside the development server, on its serverless (filesystem) broker, runs the beat's
``unpaid-orders-close`` job, which closes the order at Alipay and releases its stock."""

import datetime
import os
import shlex
import subprocess
import time
from pathlib import Path

import pytest
from celery.beat import PersistentScheduler
from django.db import connection
from django.utils import timezone

from shop.celery import app
from shop.order.constants import OrderStatus
from shop.payments import services
from shop.payments.emulator.models import EmulatedTrade
from tests.shop.payments.flows import local

ROOT = Path(__file__).resolve().parents[3]

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: a worker process cannot share SQLite's in-memory test database",
    ),
]


def make_run_scheduler_command():
    """The worker command `make run` starts, with its broker setting, as the Makefile says it."""
    result = subprocess.run(
        ["make", "-s", "--eval=show: ; @echo $(DEV_BROKER) $(SCHEDULER)", "show"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    words = shlex.split(result.stdout)
    environment = dict(word.split("=", 1) for word in words if "=" in word and not word.startswith("-"))
    command = [word for word in words if word not in {f"{k}={v}" for k, v in environment.items()}]
    return environment, command


def beat_schedule_last_run(path, name, when):
    """Writes beat's schedule file as a scheduler that last ran job ``name`` at ``when`` leaves it."""
    scheduler = PersistentScheduler(app=app, schedule_filename=str(path))
    scheduler.schedule[name].last_run_at = when
    scheduler.sync()
    scheduler.close()


def database_url():
    database = connection.settings_dict
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    return f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_make_runs_scheduler_closes_an_unpaid_order_on_its_beat(
    django_db_serialized_rollback, client, live_site, place_order, emulator_key_dir, tmp_path
):
    """(Serialized rollback, as the other worker test: the data migrations' rows come back after.)"""
    order = place_order(quantity=3, stock=10)
    client.get(local(services.payment_url(order, phone=False)))
    order.date_placed = timezone.now() - datetime.timedelta(minutes=31)
    order.save(update_fields=["date_placed"])
    environment, command = make_run_scheduler_command()
    assert environment == {"CELERY_BROKER_URL": "filesystem://"}
    assert {"worker", "--beat"} <= set(command)
    # The job last ran ten minutes ago, so beat sends it as soon as it starts, not at the next */5.
    (tmp_path / "var" / "celery").mkdir(parents=True)
    for folder in ("messages", "control"):
        (tmp_path / "var" / "celery" / folder).mkdir()
    beat_schedule_last_run(
        tmp_path / "var" / "celery" / "beat-schedule",
        "unpaid-orders-close",
        timezone.now() - datetime.timedelta(minutes=10),
    )
    env = {
        **os.environ,
        **environment,
        "PYTHONPATH": str(ROOT),
        "CELERY_BROKER_FOLDER": str(tmp_path / "var" / "celery"),
        "DATABASE_URL": database_url(),
        "REDIS_URL": "",
        "DEBUG": "1",
        "SITE_URL": live_site,
        "ALIPAY_EMULATOR_KEY_DIR": str(emulator_key_dir),
    }
    worker = subprocess.Popen(
        [str(ROOT / command[0]), *command[1:]],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        closed = wait_for(lambda: type(order).objects.get(pk=order.pk).status == OrderStatus.CANCELLED)
    finally:
        worker.terminate()
        log, _ = worker.communicate(timeout=30)

    assert closed, log
    assert "beat: Starting" in log
    assert "shop.payments.tasks.unpaid_orders_close_task" in log
    assert EmulatedTrade.objects.get(out_trade_no=order.number).status == "TRADE_CLOSED"
    line = order.lines.get()
    line.stockrecord.refresh_from_db()
    assert (line.stockrecord.num_in_stock, line.stockrecord.num_allocated) == (10, 0)
