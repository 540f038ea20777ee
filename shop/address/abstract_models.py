"""What every Wenfu address (address book, order shipping and billing) adds to Oscar's.

A mainland address is 收货人, 手机号码, 省 / 市 / 区县 (one GB/T 2260 division), 乡镇/街道 and 详细地址.
Only the leaf division is stored (``district``); its names are copied into Oscar's own fields on
every clean and save, so Oscar's summaries, hashes, search text and e-mails show them without a
query: ``state`` is the province, ``line4`` the city and ``line3`` the district (blank where the
city has none, as 东莞).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChinaAddressMixin(models.Model):
    """Put first in the bases, before Oscar's abstract address, and repeat that one's ``Meta``."""

    district = models.ForeignKey(
        "address.Division",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("省/市/区县"),
        help_text=_("行政区划中最末一级：区县，或不设区县的市。"),
    )
    street = models.CharField(_("乡镇/街道"), max_length=64, blank=True)

    search_fields = ["first_name", "last_name", "state", "line4", "line3", "street", "line1", "postcode"]
    # Shown from the largest place to the smallest, as Chinese addresses are written.
    base_fields = ["salutation", "region_line", "street_line"]
    hash_fields = ["salutation", "state", "line4", "line3", "street", "line1", "country"]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_division_names()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.fill_division_names()

    def fill_division_names(self):
        """Copies the province, city and district names of ``district`` into Oscar's fields."""
        if self.district_id is None:
            return
        path = []
        division = self.district
        while division is not None:
            path.insert(0, division)
            division = division.parent
        self.state = path[0].name
        self.line4 = path[1].name if len(path) > 1 else ""
        self.line3 = path[2].name if len(path) > 2 else ""

    @property
    def region_line(self):
        """``湖北省 随州市 随县``; a municipality's city row repeats its name and is left out."""
        names = [self.state, self.line4, self.line3]
        if names[0] == names[1]:
            names[1] = ""
        return " ".join(name for name in names if name)

    @property
    def street_line(self):
        return " ".join(part for part in (self.street, self.line1) if part)

    @property
    def summary(self):
        return "，".join(self.active_address_fields())
