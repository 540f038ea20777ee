"""Celery tasks of payments: closing unpaid orders (beat) and the shoppers' e-mails."""

from celery import shared_task
from oscar.core.loading import get_model

from . import services
from .emails import order_email_send
from .models import AlipayRefund

Order = get_model("order", "Order")


@shared_task
def unpaid_orders_close_task():
    """Every few minutes: closes orders unpaid for 30 minutes and releases their stock."""
    return services.unpaid_orders_close()


@shared_task
def payment_received_email_task(order_id):
    order = Order.objects.filter(pk=order_id).first()
    return order_email_send(order, "payment_received") if order else 0


@shared_task
def refund_email_task(refund_id):
    refund = AlipayRefund.objects.select_related("order").filter(pk=refund_id).first()
    return order_email_send(refund.order, "refunded", refund=refund) if refund else 0


@shared_task
def order_placed_email_task(order_id):
    order = Order.objects.filter(pk=order_id).first()
    return order_email_send(order, "order_placed") if order else 0
