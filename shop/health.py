"""``/healthz``: is this process able to serve? Load balancers and monitors poll it."""

from django.conf import settings
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as error:  # noqa: BLE001 — any failure means "not reachable"
        return f"error: {error.__class__.__name__}"


def broker_state():
    """``ok`` or an error when a broker is configured; ``not configured`` when tasks run eagerly."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "not configured"
    from shop.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as error:  # noqa: BLE001
        return f"error: {error.__class__.__name__}"


# Outside ATOMIC_REQUESTS: opening a transaction would itself fail on a lost database.
@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request):
    checks = {"database": database_state(), "broker": broker_state()}
    healthy = checks["database"] == "ok" and checks["broker"] in {"ok", "not configured"}
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
