"""Shoppers' e-mails about their orders, sent the way Oscar sends its order confirmation.

Each e-mail is a communication event type (the codes below, created by the migration
``0002_order_email_event_types``). Its subject and bodies come from the type: an operator's
edit in the dashboard (内容 → 电子邮件模板) when there is one, else the Chinese file templates
``templates/oscar/communication/emails/commtype_<code>_*``. Oscar's ``OrderDispatcher`` sends
it, records a ``CommunicationEvent`` on the order and, with ``OSCAR_SAVE_SENT_EMAILS_TO_DB``,
keeps a copy in the shopper's e-mail history (电子邮件历史).
"""

import logging

from django.conf import settings
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

CommunicationEventType = get_model("communication", "CommunicationEventType")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")

logger = logging.getLogger(__name__)

#: Oscar's own code, so an operator finds the order confirmation where Oscar puts it.
ORDER_PLACED = OrderDispatcher.ORDER_PLACED_EVENT_CODE
PAYMENT_RECEIVED = "PAYMENT_RECEIVED"
PARCEL_SHIPPED = "PARCEL_SHIPPED"
ORDER_REFUNDED = "ORDER_REFUNDED"


def _order_url(order):
    return settings.SITE_URL.rstrip("/") + reverse("customer:order", kwargs={"order_number": order.number})


def order_email_render(order, event_code, **context):
    """The messages (``subject``, ``body``, ``html``, ``sms``) of the ``event_code`` e-mail
    about ``order``, rendered in the site's language; ``context`` adds to the order, its
    absolute URL, the shop's name and the current site."""
    context = {
        "order": order,
        "order_url": _order_url(order),
        "shop_name": settings.OSCAR_SHOP_NAME,
        "site": Site.objects.get_current(),
        **context,
    }
    # A Celery worker has no request to pick the language from: the shoppers read Chinese.
    with translation.override(settings.LANGUAGE_CODE):
        messages = CommunicationEventType.objects.get_and_render(event_code, context)
    messages["subject"] = " ".join(messages["subject"].split())
    return messages


def order_email_send(order, event_code, **context):
    """Sends the ``event_code`` e-mail about ``order`` to its shopper and records it on the
    order; returns the number of messages sent: 0 when the order has no address or the
    operator left the type's subject or both bodies empty, else 1."""
    if not order.email:
        return 0
    messages = order_email_render(order, event_code, **context)
    if not (messages["subject"] and (messages["body"] or messages["html"])):
        logger.warning("Order #%s: %s e-mail has no subject or body, not sent", order.number, event_code)
        return 0
    OrderDispatcher().dispatch_order_messages(order, messages, event_code)
    return 1
