from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct


class Product(AbstractProduct):
    #: Segmented words of the title, categories, cooperatives and description, kept up to date
    #: by ``catalog.services.product_search_text_refresh``; PostgreSQL indexes it for search.
    search_text = models.TextField(_("检索词"), blank=True, default="", editable=False)



class ResettlementArea(models.Model):
    """An easy-relocation resettlement area (易地扶贫搬迁安置区) of Sui County, where the
    cooperatives selling on Wenfu employ or contract relocated households."""

    name = models.CharField(_("名称"), max_length=100)
    slug = models.SlugField(_("标识"), max_length=100, unique=True)
    town = models.CharField(_("镇/场/景区"), max_length=50)
    village = models.CharField(_("村/社区"), max_length=50, blank=True)
    established_year = models.PositiveSmallIntegerField(_("建成年份"), null=True, blank=True)
    households = models.PositiveIntegerField(_("搬迁户数"), default=0)
    people = models.PositiveIntegerField(_("搬迁人数"), default=0)
    division_code = models.CharField(
        _("行政区划代码"), max_length=6, default="421321", help_text=_("GB/T 2260 县级代码。")
    )
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    description = models.TextField(_("简介"), blank=True)

    class Meta:
        verbose_name = _("安置区")
        verbose_name_plural = _("安置区")
        ordering = ["town", "name"]

    def __str__(self):
        return self.name


class CooperativeProfile(models.Model):
    """What Wenfu knows about a cooperative beyond Oscar's ``Partner``: its registration and how
    it shares income with relocated households (联农带农)."""

    partner = models.OneToOneField(
        "partner.Partner", verbose_name=_("商家"), on_delete=models.CASCADE, related_name="cooperative"
    )
    legal_name = models.CharField(_("登记名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    contact_mobile = models.CharField(_("联系电话"), max_length=11, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    areas = models.ManyToManyField(
        ResettlementArea, verbose_name=_("带动安置区"), related_name="cooperatives", blank=True
    )
    households_linked = models.PositiveIntegerField(_("带动搬迁户数"), default=0)
    people_employed = models.PositiveIntegerField(_("吸纳就业人数"), default=0)
    benefit_mechanism = models.TextField(_("联农带农机制"), blank=True)

    class Meta:
        verbose_name = _("合作社档案")
        verbose_name_plural = _("合作社档案")
        ordering = ["legal_name"]

    def __str__(self):
        return self.legal_name


from oscar.apps.catalogue.models import *  # noqa: E402, F403
