"""节庆活动: agricultural festivals and events (农事节庆), their dates, calendars and registrations."""

from django.utils.translation import gettext_lazy as _

from cms.models import SectionIndexPage


class EventIndexPage(SectionIndexPage):
    subpage_types = []

    class Meta:
        verbose_name = _("节庆活动栏目")
