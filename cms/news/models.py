"""新闻动态: news of the platform and the resettlement areas."""

from django.utils.translation import gettext_lazy as _

from cms.models import SectionIndexPage


class NewsIndexPage(SectionIndexPage):
    subpage_types = []

    class Meta:
        verbose_name = _("新闻动态栏目")
