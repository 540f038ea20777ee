from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    """Institutional buyers: canteens, trade unions and enterprises ordering in bulk."""

    name = "procurement"
    verbose_name = _("机构采购")
    default_auto_field = "django.db.models.BigAutoField"
