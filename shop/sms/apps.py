from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmsConfig(AppConfig):
    """Text messages to mobile numbers, through the backend ``SMS_BACKEND`` names (as e-mail goes
    through ``EMAIL_BACKEND``)."""

    name = "shop.sms"
    label = "sms"
    verbose_name = _("短信")
    default_auto_field = "django.db.models.BigAutoField"
