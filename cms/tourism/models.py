"""乡村旅游: boutique routes (精品线路) and leisure-farming sites and attractions (观光点/景点)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import BodyBlock
from cms.forms import WenfuPageForm
from cms.models import SectionIndexPage
from cms.search import CHINESE_SEARCH_FIELDS, ChineseSearchable


class TourismIndexPage(SectionIndexPage):
    """乡村旅游: lists the routes and attractions."""

    subpage_types = ["tourism.AttractionPage"]

    class Meta:
        verbose_name = _("乡村旅游栏目")


class AttractionPage(ChineseSearchable, Page):
    """A leisure-farming site or scenic spot (休闲农业观光点/景点) near a resettlement area."""

    base_form_class = WenfuPageForm

    summary = models.CharField(_("摘要"), max_length=200, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("题图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    town = models.CharField(_("所在镇/场/景区"), max_length=50, blank=True, db_index=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    phone = models.CharField(_("咨询电话"), max_length=30, blank=True)
    area = models.ForeignKey(
        "catalogue.ResettlementArea",
        verbose_name=_("附近安置区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("town"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("phone"),
                FieldPanel("area"),
            ],
            heading=_("位置与联系"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + CHINESE_SEARCH_FIELDS
    chinese_search_fields = ("summary", "town", "address", "body")
    parent_page_types = ["tourism.TourismIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("观光点/景点")
        verbose_name_plural = _("观光点/景点")
