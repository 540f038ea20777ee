from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .exceptions import SmsNotSent


def sms_available():
    """Whether text messages can be sent at all: a backend is configured."""
    return bool(settings.SMS_BACKEND)


def sms_send(*, mobile, text):
    """Sends ``text`` to ``mobile`` through the ``SMS_BACKEND``, signed with the site's
    ``SMS_SIGNATURE`` (Chinese carriers require the 【签名】 prefix).

    Raises ``SmsNotSent`` when no backend is configured or the backend could not send."""
    if not sms_available():
        raise SmsNotSent(_("本站暂未开通短信服务。"))
    backend = import_string(settings.SMS_BACKEND)()
    backend.send(mobile, f"{settings.SMS_SIGNATURE}{text}")
