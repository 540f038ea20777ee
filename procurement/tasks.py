"""Celery tasks of procurement: thin, ids in, a service called."""

from celery import shared_task

from . import emails
from .imports.services import import_job_run
from .standing.services import standing_orders_run


@shared_task
def email_send_task(event_code, user_ids, object_ids):
    """Sends one procurement e-mail (``procurement.emails.email_send``)."""
    return emails.email_send(event_code, user_ids=user_ids, **object_ids)


@shared_task
def standing_orders_run_task():
    """Daily: submitted purchase orders for the standing orders' coming delivery dates
    (``procurement.standing.services.standing_orders_run``). Returns how many were made."""
    return len(standing_orders_run().created)


@shared_task
def import_job_run_task(job_id):
    """Imports an uploaded purchase-order workbook (``procurement.imports.services.import_job_run``)."""
    import_job_run(job_id=job_id)
    return job_id
