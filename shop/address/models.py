from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractUserAddress

from .abstract_models import ChinaAddressMixin
from .constants import DivisionLevel


class Division(models.Model):
    """One GB/T 2260 administrative division: a province, a city or a district (county level).

    Loaded from ``data/gb2260.csv`` by a migration and read-only afterwards. The code is the
    primary key, so an address keeps pointing at the same place across data updates.
    """

    code = models.CharField(_("行政区划代码"), max_length=6, primary_key=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.CharField(_("级别"), max_length=8, choices=DivisionLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级行政区"),
    )

    class Meta:
        app_label = "address"
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self):
        return self.name


class UserAddressManager(models.Manager):
    """Every address book listing shows the country, which Oscar's templates read row by row."""

    def get_queryset(self):
        return super().get_queryset().select_related("country")


class UserAddress(ChinaAddressMixin, AbstractUserAddress):
    objects = UserAddressManager()

    class Meta(AbstractUserAddress.Meta):
        pass


from oscar.apps.address.models import *  # noqa: E402, F403
