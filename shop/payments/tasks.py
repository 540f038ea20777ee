"""Celery tasks of payments: closing unpaid orders (beat) and the shoppers' e-mails."""

from celery import shared_task
from oscar.core.loading import get_model

from shop.order.emails import ORDER_REFUNDED, PAYMENT_RECEIVED, order_email_send

from . import services
from .models import AlipayRefund

Order = get_model("order", "Order")


@shared_task
def unpaid_orders_close_task():
    """Every few minutes: closes orders unpaid for 30 minutes and releases their stock."""
    return services.unpaid_orders_close()


@shared_task
def payment_received_email_task(order_id):
    """Tells the shopper their payment arrived (``PAYMENT_RECEIVED``); 0 if the order is gone."""
    order = Order.objects.filter(pk=order_id).first()
    return order_email_send(order, PAYMENT_RECEIVED) if order else 0


@shared_task
def refund_email_task(refund_id):
    """Tells the shopper a refund was made (``ORDER_REFUNDED``); 0 if the refund is gone."""
    refund = AlipayRefund.objects.select_related("order").filter(pk=refund_id).first()
    return order_email_send(refund.order, ORDER_REFUNDED, refund=refund) if refund else 0
