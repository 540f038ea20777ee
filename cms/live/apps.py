from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "cms.live"
    label = "live"
    verbose_name = _("直播带货")
    default_auto_field = "django.db.models.BigAutoField"
