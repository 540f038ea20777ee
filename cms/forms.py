from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.auth import LoginForm
from wagtail.models import Page

from catalog.slugs import pinyin_slugify

#: Paths the project routes before Wagtail (DESIGN.md): a page there would be unreachable.
RESERVED_SLUGS = {
    "shop",
    "procurement",
    "impact",
    "payments",
    "cms",
    "django-admin",
    "healthz",
    "i18n",
    "documents",
    "static",
    "media",
    "search",
    "sitemap.xml",
}


class WenfuPageForm(WagtailAdminPageForm):
    """The admin form of every Wenfu page: gives a page whose slug is left empty or written in
    hanzi a pinyin slug, and refuses, for a page directly under the site root, a slug the
    project routes elsewhere."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin's script fills the slug from the title in ASCII only
        # (WAGTAIL_ALLOW_UNICODE_SLUGS is off), which leaves it empty for a Chinese title:
        # clean() derives it instead of refusing the form.
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        if "slug" in self.fields and "slug" not in self.errors:
            self._pinyin_slug()
        cleaned_data = super().clean()
        parent = self._parent()
        if parent is not None and parent.is_site_root() and cleaned_data.get("slug") in RESERVED_SLUGS:
            self.add_error("slug", _("“%(slug)s”已被站点占用，请换一个。") % {"slug": cleaned_data["slug"]})
        return cleaned_data

    def _parent(self):
        return self.parent_page if self.parent_page is not None else self.instance.get_parent()

    def _pinyin_slug(self):
        """Percent-encoded hanzi make URLs unreadable once shared (over WeChat above all), so an
        empty slug becomes the title's pinyin and a slug typed in hanzi its own pinyin, made
        unique among the page's siblings. A hanzi slug an existing page already has is left
        alone: changing it would break the links to the page."""
        slug = self.cleaned_data.get("slug") or ""
        if slug and (slug.isascii() or "slug" not in self.changed_data):
            return
        base = pinyin_slugify(slug or self.cleaned_data.get("title") or "")
        if not base:
            self.add_error("slug", _("无法从标题生成网址，请用字母、数字和连字符填写 slug。"))
            return
        self.cleaned_data["slug"] = self._unique_among_siblings(base)

    def _unique_among_siblings(self, base):
        """``base``, or ``base-2``, ``base-3`` … when a sibling page has it (Wagtail's own rule for
        the slugs it generates)."""
        parent = self._parent()
        if parent is None:
            return base
        siblings = Page.objects.child_of(parent).filter(slug__startswith=base)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        taken = set(siblings.values_list("slug", flat=True))
        candidate, suffix = base, 1
        while candidate in taken:
            suffix += 1
            candidate = f"{base}-{suffix}"
        return candidate


class AdminLoginForm(LoginForm):
    """The admin's login form (``WAGTAILADMIN_USER_LOGIN_FORM``). Wagtail's gives its password
    field no label, so Django shows the field's name, "Password", which no catalogue translates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("密码")
