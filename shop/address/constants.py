from django.db import models
from django.utils.translation import gettext_lazy as _

#: The only country the shop delivers to; every address is saved with it.
CHINA_CODE = "CN"


class DivisionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("地级")
    DISTRICT = "district", _("县级")
