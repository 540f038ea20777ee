"""E-mails of onboarding: rendered from templates/onboarding/email/, sent in Chinese, one
message per recipient through Oscar's ``Dispatcher`` (the path order e-mails take)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class

Dispatcher = get_class("communication.utils", "Dispatcher")


def absolute_url(path):
    """``path`` on the public site (``SITE_URL``), for links in e-mails."""
    base = getattr(settings, "SITE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def send_templated(*, template, context, recipients):
    """Renders ``onboarding/email/<template>_subject.txt`` and ``_body.txt`` in Chinese and sends
    each of ``recipients`` (duplicates and blanks dropped) a message of its own, so no recipient
    sees another's address (cooperative staff never see the operators'). Returns the number of
    messages sent."""
    recipients = [address for address in dict.fromkeys(recipients) if address]
    if not recipients:
        return 0
    context = {
        **context,
        "shop_name": settings.OSCAR_SHOP_NAME,
        "dashboard_url": absolute_url(reverse("dashboard:index")),
        "join_url": absolute_url(reverse("onboarding:apply")),
        "documents_url": absolute_url(reverse("dashboard:onboarding-document-list")),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"onboarding/email/{template}_subject.txt", context).split())
        body = render_to_string(f"onboarding/email/{template}_body.txt", context)
    messages = {"subject": subject, "body": body, "html": "", "sms": ""}
    dispatcher = Dispatcher()
    return sum(1 for address in recipients if dispatcher.dispatch_direct_messages(address, messages))
