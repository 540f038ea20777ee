from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Wagtail pages: the home page, rural tourism, festivals and news."""

    name = "cms"
    verbose_name = _("内容")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .sites import sites_follow_site_url_after_migrate

        # A deployment's `migrate` also moves the sites to a changed SITE_URL.
        post_migrate.connect(sites_follow_site_url_after_migrate, sender=self)
