from celery import shared_task

from . import services
from .constants import NOTIFY_FIRST_RETRY_SECONDS, NOTIFY_MAX_TRIES


@shared_task
def emulated_trade_send_notify_task(trade_id, notify_id, attempt=1):
    """Sends a trade's notify; until the app answers ``success``, tries again after doubling delays.

    The next try is queued as a new task rather than a Celery retry, so that tasks run eagerly
    (no broker, or tests) go through every try in-process instead of stopping at the first.
    """
    delivered = services.emulated_trade_send_notify(trade_id=trade_id, notify_id=notify_id)
    if not delivered and attempt < NOTIFY_MAX_TRIES:
        emulated_trade_send_notify_task.apply_async(
            (trade_id, notify_id, attempt + 1), countdown=NOTIFY_FIRST_RETRY_SECONDS * 2 ** (attempt - 1)
        )
