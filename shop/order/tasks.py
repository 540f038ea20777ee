"""Celery tasks of fulfilment: completing long-shipped orders (beat) and the parcel e-mail."""

from celery import shared_task

from shop.payments.emails import PARCEL_SHIPPED, order_email_send

from . import fulfilment
from .models import Parcel


@shared_task
def orders_auto_complete_task():
    """Daily: orders shipped 10 days ago without a confirmed receipt are completed."""
    return fulfilment.orders_auto_complete()


@shared_task
def parcel_shipped_email_task(parcel_id):
    """Tells the shopper a cooperative's parcel left (``PARCEL_SHIPPED``); 0 if it is gone."""
    parcel = Parcel.objects.select_related("order", "partner").filter(pk=parcel_id).first()
    return order_email_send(parcel.order, PARCEL_SHIPPED, parcel=parcel) if parcel else 0
