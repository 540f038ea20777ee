"""Celery tasks of payments: closing unpaid orders and re-sending refunds (beat), sending a
refund once it is committed, and the shoppers' payment e-mails."""

from celery import shared_task
from oscar.core.loading import get_model

from shop.order.emails import ORDER_REFUNDED, PAYMENT_RECEIVED, order_email_send

from . import services
from .constants import RefundStatus
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


@shared_task
def refund_send_task(refund_id):
    """Sends a refund filed by a service (e.g. cancelling a paid order) once it is committed."""
    refund = AlipayRefund.objects.filter(pk=refund_id, status=RefundStatus.PENDING).first()
    return services.refund_send(refund).status if refund else None


@shared_task
def refunds_pending_resend_task():
    """Every few minutes: re-sends refunds whose outcome Alipay has not told us yet."""
    return services.refunds_pending_resend()
