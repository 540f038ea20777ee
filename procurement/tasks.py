"""Celery tasks of procurement: thin, ids in, a service called."""

from celery import shared_task

from . import emails


@shared_task
def email_send_task(event_code, user_ids, object_ids):
    """Sends one procurement e-mail (``procurement.emails.email_send``)."""
    return emails.email_send(event_code, user_ids=user_ids, **object_ids)
