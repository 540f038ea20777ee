from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TourismConfig(AppConfig):
    name = "cms.tourism"
    label = "tourism"
    verbose_name = _("乡村旅游")
    default_auto_field = "django.db.models.BigAutoField"
