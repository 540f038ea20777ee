from django.db import models
from django.utils.translation import gettext_lazy as _


class OccurrenceSource(models.TextChoices):
    """Where an occurrence comes from; the page shows the lunar date of a lunar one."""

    DATE = "date", _("指定日期")
    RULE = "rule", _("重复规则")
    LUNAR = "lunar", _("农历日期")


#: Most people one registration may bring (a family, a small group); larger groups call the organiser.
REGISTRATION_MAX_PEOPLE = 10
