"""直播带货: cooperatives' live-selling sessions and the products they feature."""

from django.utils.translation import gettext_lazy as _

from cms.models import SectionIndexPage


class LiveSaleIndexPage(SectionIndexPage):
    subpage_types = []

    class Meta:
        verbose_name = _("直播带货栏目")
