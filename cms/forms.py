from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

#: Paths the project routes before Wagtail (DESIGN.md): a page there would be unreachable.
RESERVED_SLUGS = {
    "shop",
    "procurement",
    "payments",
    "cms",
    "django-admin",
    "healthz",
    "i18n",
    "documents",
    "static",
    "media",
    "sitemap.xml",
}


class WenfuPageForm(WagtailAdminPageForm):
    """The admin form of every Wenfu page: refuses, for a page directly under the site root, a
    slug the project routes elsewhere."""

    def clean(self):
        cleaned_data = super().clean()
        parent = self.parent_page if self.parent_page is not None else self.instance.get_parent()
        if parent is not None and parent.is_site_root() and cleaned_data.get("slug") in RESERVED_SLUGS:
            self.add_error("slug", _("“%(slug)s”已被站点占用，请换一个。") % {"slug": cleaned_data["slug"]})
        return cleaned_data
