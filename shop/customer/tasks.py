"""Celery tasks of shoppers' accounts."""

from celery import shared_task
from oscar.core.loading import get_class

AlertsDispatcher = get_class("customer.alerts.utils", "AlertsDispatcher")


@shared_task
def product_alerts_send_task():
    """Every ten minutes (beat): tells shoppers who asked for 到货提醒 that a product they
    wanted can be bought again, as Oscar's ``oscar_send_alerts`` command does."""
    AlertsDispatcher().send_alerts()
