from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Wagtail pages: the home page, rural tourism, festivals and news."""

    name = "cms"
    verbose_name = _("内容")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .receivers import public_page_changed, public_page_deleted
        from .sites import sites_follow_site_url_after_migrate

        # A deployment's `migrate` also moves the sites to a changed SITE_URL.
        post_migrate.connect(sites_follow_site_url_after_migrate, sender=self)
        for name, signal in (
            ("published", page_published),
            ("unpublished", page_unpublished),
            ("moved", post_page_move),
        ):
            signal.connect(public_page_changed, dispatch_uid=f"cms.public_page_{name}")
        post_delete.connect(public_page_deleted, dispatch_uid="cms.public_page_deleted")
