from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Wagtail pages: the home page, rural tourism, festivals and news."""

    name = "cms"
    verbose_name = _("内容")
    default_auto_field = "django.db.models.BigAutoField"
