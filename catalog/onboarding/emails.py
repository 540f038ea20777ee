"""E-mails of onboarding: rendered from templates/onboarding/email/, sent in Chinese."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute_url(path):
    """``path`` on the public site (``SITE_URL``), for links in e-mails."""
    base = getattr(settings, "SITE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def send_templated(*, template, context, recipients):
    """Renders ``onboarding/email/<template>_subject.txt`` and ``_body.txt`` in Chinese and sends
    them to ``recipients``. Returns the number of messages sent (0 or 1)."""
    recipients = [address for address in dict.fromkeys(recipients) if address]
    if not recipients:
        return 0
    context = {
        **context,
        "shop_name": settings.OSCAR_SHOP_NAME,
        "dashboard_url": absolute_url(reverse("dashboard:index")),
        "join_url": absolute_url(reverse("onboarding:apply")),
        "documents_url": absolute_url(reverse("onboarding-dashboard:document-list")),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"onboarding/email/{template}_subject.txt", context).split())
        body = render_to_string(f"onboarding/email/{template}_body.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
