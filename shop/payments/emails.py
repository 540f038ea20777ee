"""Shoppers' e-mails about their orders' money, rendered from templates/payments/email/ in Chinese."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def _order_url(order):
    return settings.SITE_URL.rstrip("/") + reverse("customer:order", kwargs={"order_number": order.number})


def order_email_send(order, template, **context):
    """Sends ``payments/email/<template>_subject.txt`` / ``_body.txt`` about ``order`` to its
    shopper; returns the number of messages sent (0 without an address)."""
    recipient = order.email
    if not recipient:
        return 0
    context = {
        "order": order,
        "order_url": _order_url(order),
        "shop_name": settings.OSCAR_SHOP_NAME,
        **context,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"payments/email/{template}_subject.txt", context).split())
        body = render_to_string(f"payments/email/{template}_body.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
