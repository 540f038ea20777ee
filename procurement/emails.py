"""E-mails of procurement, sent the way Oscar sends its own: each is a communication event type
whose subject and bodies an operator may edit in the dashboard (内容 → 电子邮件模板), else the
Chinese file templates ``templates/oscar/communication/emails/commtype_<code>_*``.

Services queue them with :func:`email_later` once their transaction commits; the Celery task
renders and sends one message per recipient (``Dispatcher.dispatch_user_messages``, which keeps
a copy in the recipient's 电子邮件历史 with ``OSCAR_SAVE_SENT_EMAILS_TO_DB``).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.db import transaction
from django.utils import translation
from oscar.core.loading import get_class, get_model

from .models import Invoice, Membership, PurchaseOrder, Settlement, StandingOrder, SupplierOrder

CommunicationEventType = get_model("communication", "CommunicationEventType")
Dispatcher = get_class("communication.utils", "Dispatcher")

logger = logging.getLogger(__name__)

#: Event codes (upper case, as Oscar's own ``ORDER_PLACED``).
PURCHASE_ORDER_SUBMITTED = "PROCUREMENT_SUBMITTED"
PURCHASE_ORDER_APPROVED = "PROCUREMENT_APPROVED"
PURCHASE_ORDER_REJECTED = "PROCUREMENT_REJECTED"
SUPPLIER_ORDER_CONFIRMED = "PROCUREMENT_CONFIRMED"
SUPPLIER_ORDER_SHIPPED = "PROCUREMENT_SHIPPED"
INVOICE_ISSUED = "PROCUREMENT_INVOICE_ISSUED"
SETTLEMENT_PAID = "PROCUREMENT_PAID"
STANDING_ORDER_CREATED = "PROCUREMENT_STANDING_CREATED"

#: The objects a message may be about, by the context name its templates use.
CONTEXT_MODELS = {
    "purchase_order": PurchaseOrder,
    "supplier_order": SupplierOrder,
    "invoice": Invoice,
    "settlement": Settlement,
    "standing_order": StandingOrder,
}


def members_with_role(organisation, role):
    """The active users holding ``role`` in ``organisation``."""
    memberships = Membership.objects.filter(organisation=organisation, user__is_active=True)
    memberships = memberships.select_related("user")
    return [membership.user for membership in memberships if membership.has_role(role)]


def cooperative_staff(partner):
    """The active users working for the cooperative ``partner``."""
    return list(partner.users.filter(is_active=True))


def email_render(event_code, context):
    """``subject``, ``body``, ``html`` and ``sms`` of ``event_code`` in the site's language;
    templates get ``site_url`` to make absolute links (``{{ site_url }}{% url … %}``)."""
    context = {
        "site": Site.objects.get_current(),
        "site_url": settings.SITE_URL.rstrip("/"),
        "shop_name": settings.OSCAR_SHOP_NAME,
        **context,
    }
    with translation.override(settings.LANGUAGE_CODE):
        messages = CommunicationEventType.objects.get_and_render(event_code, context)
    messages["subject"] = " ".join(messages["subject"].split())
    return messages


def email_send(event_code, *, user_ids, **object_ids):
    """Sends ``event_code`` to each user of ``user_ids`` with an e-mail address, about the
    objects named in ``object_ids`` (``purchase_order=…`` etc., see ``CONTEXT_MODELS``; a
    deleted one sends nothing). Returns the number of messages sent."""
    context = {}
    for name, pk in object_ids.items():
        obj = CONTEXT_MODELS[name].objects.filter(pk=pk).first()
        if obj is None:
            return 0
        context[name] = obj
    messages = email_render(event_code, context)
    if not (messages["subject"] and (messages["body"] or messages["html"])):
        logger.warning("%s e-mail has no subject or body, not sent", event_code)
        return 0
    sent = 0
    for user in get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email=""):
        Dispatcher().dispatch_user_messages(user, messages)
        sent += 1
    return sent


def email_later(event_code, *, users, **objects):
    """Queues ``event_code`` to ``users`` about ``objects`` (model instances named as in
    ``CONTEXT_MODELS``) for when the current transaction commits."""
    from .tasks import email_send_task

    user_ids = sorted({user.pk for user in users})
    if not user_ids:
        return
    object_ids = {name: obj.pk for name, obj in objects.items()}
    transaction.on_commit(lambda: email_send_task.delay(event_code, user_ids, object_ids), robust=True)
