"""Celery tasks of orders: completing long-shipped orders (beat), the order and parcel e-mails."""

from celery import shared_task
from oscar.core.loading import get_model

from . import fulfilment
from .emails import ORDER_PLACED, PARCEL_SHIPPED, order_email_send
from .models import Parcel

Order = get_model("order", "Order")


@shared_task
def orders_auto_complete_task():
    """Daily: orders shipped 10 days ago without a confirmed receipt are completed."""
    return fulfilment.orders_auto_complete()


@shared_task
def parcel_shipped_email_task(parcel_id):
    """Tells the shopper a cooperative's parcel left (``PARCEL_SHIPPED``); 0 if it is gone."""
    parcel = Parcel.objects.select_related("order", "partner").filter(pk=parcel_id).first()
    return order_email_send(parcel.order, PARCEL_SHIPPED, parcel=parcel) if parcel else 0


@shared_task
def order_placed_email_task(order_id):
    """Confirms a new order and asks for payment within 30 minutes (Oscar's ``ORDER_PLACED``);
    0 if the order is gone."""
    order = Order.objects.filter(pk=order_id).first()
    return order_email_send(order, ORDER_PLACED) if order else 0
