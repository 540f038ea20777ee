"""乡村旅游: boutique routes (精品线路) and leisure-farming sites and attractions (观光点/景点)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from cms.blocks import BodyBlock
from cms.forms import WenfuPageForm
from cms.models import SectionIndexPage, optional_image
from cms.search import CHINESE_SEARCH_FIELDS, ChineseSearchable
from cms.slugs import PinyinSlugMixin

from . import hours
from .constants import Audience, Facility, RouteDays, Season, TicketKind, Weekday
from .fields import MultipleChoiceField

TIP_FEATURES = ["bold", "link", "ol", "ul"]


def latitude_field(**kwargs):
    return models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-90, message=_("纬度应在 -90 到 90 之间。")),
            MaxValueValidator(90, message=_("纬度应在 -90 到 90 之间。")),
        ],
        **kwargs,
    )


def longitude_field(**kwargs):
    return models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-180, message=_("经度应在 -180 到 180 之间。")),
            MaxValueValidator(180, message=_("经度应在 -180 到 180 之间。")),
        ],
        **kwargs,
    )


def validate_coordinates_pair(latitude, longitude):
    """Both coordinates or neither: half a position places nothing on a map."""
    if (latitude is None) != (longitude is None):
        field = "longitude" if longitude is None else "latitude"
        raise ValidationError({field: _("纬度和经度要么都填，要么都不填。")})


class TourismIndexPage(SectionIndexPage):
    """乡村旅游: lists its routes and attractions, filtered by town, season, kind and audience."""

    subpage_types = ["tourism.RoutePage", "tourism.AttractionPage"]
    template = "tourism/tourism_index_page.html"

    class Meta:
        verbose_name = _("乡村旅游栏目")

    def get_context(self, request, *args, **kwargs):
        from .selectors import tourism_index_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(tourism_index_listing(self, request.GET))
        return context


class RoutePage(PinyinSlugMixin, ChineseSearchable, Page):
    """A boutique route (精品线路): stops in order, drawn on a map, with the products of the
    resettlement areas it passes."""

    base_form_class = WenfuPageForm
    is_route = True

    summary = models.CharField(_("摘要"), max_length=200, blank=True)
    image = optional_image(_("题图"))
    days = models.CharField(
        _("行程天数"), max_length=10, choices=RouteDays.choices, default=RouteDays.ONE_DAY
    )
    best_seasons = MultipleChoiceField(_("最佳季节"), choices_enum=Season)
    audiences = MultipleChoiceField(_("适合人群"), choices_enum=Audience)
    featured = models.BooleanField(_("首页推荐"), default=False, help_text=_("勾选后在首页“精品线路”展示。"))
    transport_tips = RichTextField(_("交通"), features=TIP_FEATURES, blank=True)
    food_tips = RichTextField(_("美食"), features=TIP_FEATURES, blank=True)
    lodging_tips = RichTextField(_("住宿"), features=TIP_FEATURES, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("days"), FieldPanel("best_seasons"), FieldPanel("audiences"), FieldPanel("featured")],
            heading=_("线路概况"),
        ),
        InlinePanel("stops", label=_("站点"), heading=_("行程站点"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("transport_tips"), FieldPanel("food_tips"), FieldPanel("lodging_tips")],
            heading=_("出行提示"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + CHINESE_SEARCH_FIELDS
    chinese_search_fields = ("summary", "stop_text", "transport_tips", "food_tips", "lodging_tips", "body")
    parent_page_types = ["tourism.TourismIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("精品线路")
        verbose_name_plural = _("精品线路")

    def stop_text(self):
        """The stops' names and texts, for the search index (``大洪山`` finds its routes)."""
        return " ".join(f"{stop.name} {stop.text}" for stop in self.stops.all())

    def season_labels(self):
        return self._meta.get_field("best_seasons").labels(self.best_seasons)

    def audience_labels(self):
        return self._meta.get_field("audiences").labels(self.audiences)

    def stops_without_coordinates(self):
        """The stops the map leaves out, for the editor's warning."""
        return [stop for stop in self.stops.all() if not stop.has_coordinates]

    def get_context(self, request, *args, **kwargs):
        from .selectors import route_page_details

        context = super().get_context(request, *args, **kwargs)
        context.update(route_page_details(self))
        return context


class RouteStop(Orderable):
    """One stop of a route, in order: a place with coordinates for the map, how long to stay,
    and optionally the attraction or resettlement area it is."""

    page = ParentalKey(RoutePage, on_delete=models.CASCADE, related_name="stops")
    name = models.CharField(_("站点名称"), max_length=80)
    text = models.TextField(_("介绍"), blank=True)
    image = optional_image(_("图片"))
    latitude = latitude_field()
    longitude = longitude_field()
    stay_minutes = models.PositiveSmallIntegerField(
        _("停留时间（分钟）"), null=True, blank=True, validators=[MaxValueValidator(24 * 60)]
    )
    attraction = models.ForeignKey(
        "tourism.AttractionPage",
        verbose_name=_("关联景点"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="route_stops",
    )
    area = models.ForeignKey(
        "catalogue.ResettlementArea",
        verbose_name=_("关联安置区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("text"),
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("坐标")),
        FieldPanel("stay_minutes"),
        PageChooserPanel("attraction", page_type="tourism.AttractionPage"),
        FieldPanel("area"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("站点")
        verbose_name_plural = _("站点")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        validate_coordinates_pair(self.latitude, self.longitude)

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def stay_label(self):
        """停留 1 小时 30 分钟, or '' when not given."""
        if not self.stay_minutes:
            return ""
        hours_part, minutes = divmod(self.stay_minutes, 60)
        if hours_part and minutes:
            return _("约 %(h)s 小时 %(m)s 分钟") % {"h": hours_part, "m": minutes}
        if hours_part:
            return _("约 %(h)s 小时") % {"h": hours_part}
        return _("约 %(m)s 分钟") % {"m": minutes}


class AttractionPageForm(WenfuPageForm):
    """Refuses prices on a free attraction and two exceptions for one date."""

    def clean(self):
        cleaned_data = super().clean()
        prices = [form for form in self.formsets["ticket_prices"].forms if _kept(form)]
        if cleaned_data.get("ticket_free") and prices:
            self.add_error("ticket_free", _("免费开放的景点不用填写票价：请取消“免费开放”，或删除票价。"))
        dates = [
            form.cleaned_data.get("date") for form in self.formsets["opening_exceptions"].forms if _kept(form)
        ]
        repeated = sorted({day for day in dates if day and dates.count(day) > 1})
        if repeated:
            self.add_error(
                None,
                _("同一日期只能有一条特殊安排：%(dates)s。")
                % {"dates": "、".join(day.isoformat() for day in repeated)},
            )
        return cleaned_data


def _kept(form):
    """A valid, filled inline form the editor has not marked for deletion (``is_valid`` also
    cleans an inline form the page form's ``clean`` sees before its formset is validated)."""
    return form.has_changed() and form.is_valid() and not form.cleaned_data.get("DELETE")


class AttractionPage(PinyinSlugMixin, ChineseSearchable, Page):
    """A leisure-farming site or scenic spot (休闲农业观光点/景点) near a resettlement area."""

    base_form_class = AttractionPageForm
    is_route = False

    summary = models.CharField(_("摘要"), max_length=200, blank=True)
    image = optional_image(_("题图"))
    town = models.CharField(_("所在镇/场/景区"), max_length=50, blank=True, db_index=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    phone = models.CharField(_("咨询电话"), max_length=30, blank=True)
    area = models.ForeignKey(
        "catalogue.ResettlementArea",
        verbose_name=_("附近安置区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    best_seasons = MultipleChoiceField(_("适游季节"), choices_enum=Season)
    audiences = MultipleChoiceField(_("适合人群"), choices_enum=Audience)
    facilities = MultipleChoiceField(_("配套设施"), choices_enum=Facility)
    ticket_free = models.BooleanField(_("免费开放"), default=False)
    ticket_note = models.CharField(
        _("门票说明"), max_length=200, blank=True, help_text=_("如：1.2 米以下儿童免票，凭证件享优惠。")
    )
    hours_note = models.CharField(
        _("开放时间说明"), max_length=200, blank=True, help_text=_("如：节假日延长开放，以景区公告为准。")
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
        MultiFieldPanel(
            [FieldPanel("best_seasons"), FieldPanel("audiences"), FieldPanel("facilities")],
            heading=_("游览信息"),
        ),
        InlinePanel(
            "opening_hours",
            label=_("开放时段"),
            heading=_("每周开放时间"),
            help_text=_("没有时段的星期几视为闭园；午休可分两段填写。"),
        ),
        InlinePanel(
            "opening_exceptions",
            label=_("特殊安排"),
            heading=_("特殊日期"),
            help_text=_("节假日闭园或调整开放时间，如春节闭园。"),
        ),
        FieldPanel("hours_note"),
        MultiFieldPanel(
            [
                FieldPanel("ticket_free"),
                InlinePanel("ticket_prices", label=_("票价")),
                FieldPanel("ticket_note"),
            ],
            heading=_("门票"),
        ),
        InlinePanel("gallery", label=_("图片"), heading=_("图集")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + CHINESE_SEARCH_FIELDS
    chinese_search_fields = ("summary", "town", "address", "body")
    parent_page_types = ["tourism.TourismIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("观光点/景点")
        verbose_name_plural = _("观光点/景点")

    def opening_week(self):
        """The weekly hours and exceptions as ``hours.OpeningWeek`` (from prefetched rows when
        the caller prefetched them)."""
        weekly = {}
        for row in self.opening_hours.all():
            weekly.setdefault(row.weekday, []).append(hours.Interval(row.opens, row.closes))
        exceptions = {
            row.date: hours.DayException(
                intervals=() if row.closed else (hours.Interval(row.opens, row.closes),), note=row.note
            )
            for row in self.opening_exceptions.all()
        }
        return hours.OpeningWeek(
            weekly={day: tuple(rows) for day, rows in weekly.items()}, exceptions=exceptions
        )

    def opening_status(self, at=None):
        """``hours.OpeningStatus`` now (or at ``at``), None when no hours are published."""
        week = self.opening_week()
        if not week.is_known:
            return None
        return hours.opening_status(week, at or timezone.now())

    def facility_labels(self):
        return self._meta.get_field("facilities").labels(self.facilities)

    def season_labels(self):
        return self._meta.get_field("best_seasons").labels(self.best_seasons)

    def audience_labels(self):
        return self._meta.get_field("audiences").labels(self.audiences)

    def get_context(self, request, *args, **kwargs):
        from .selectors import attraction_page_details

        context = super().get_context(request, *args, **kwargs)
        context.update(attraction_page_details(self))
        return context


class OpeningHours(Orderable):
    """One opening interval on a weekday; a weekday may have two (a lunch break)."""

    page = ParentalKey(AttractionPage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=Weekday.choices)
    opens = models.TimeField(_("开园时间"))
    closes = models.TimeField(_("闭园时间"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("开放时段")
        verbose_name_plural = _("开放时段")

    def clean(self):
        super().clean()
        validate_interval(self.opens, self.closes)


def validate_interval(opens, closes):
    if opens is not None and closes is not None and closes <= opens:
        raise ValidationError({"closes": _("闭园时间要晚于开园时间。")})


class OpeningException(Orderable):
    """A date whose hours differ from the week's: closed all day, or open at special hours."""

    page = ParentalKey(AttractionPage, on_delete=models.CASCADE, related_name="opening_exceptions")
    date = models.DateField(_("日期"))
    closed = models.BooleanField(_("全天闭园"), default=True)
    opens = models.TimeField(_("开园时间"), null=True, blank=True)
    closes = models.TimeField(_("闭园时间"), null=True, blank=True)
    note = models.CharField(
        _("说明"), max_length=100, blank=True, help_text=_("如：春节闭园、节庆延时开放。")
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("closed")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")], heading=_("特殊开放时间")),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("特殊安排")
        verbose_name_plural = _("特殊安排")

    def clean(self):
        super().clean()
        if self.closed and (self.opens or self.closes):
            raise ValidationError({"closed": _("全天闭园的日子不用填写开放时间；特殊开放请取消“全天闭园”。")})
        if not self.closed and (self.opens is None or self.closes is None):
            raise ValidationError({"opens": _("请填写这一天的开园和闭园时间，或勾选“全天闭园”。")})
        validate_interval(self.opens, self.closes)


class TicketPrice(Orderable):
    page = ParentalKey(AttractionPage, on_delete=models.CASCADE, related_name="ticket_prices")
    kind = models.CharField(_("票种"), max_length=10, choices=TicketKind.choices)
    price = models.DecimalField(
        _("价格（元）"), max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    note = models.CharField(_("说明"), max_length=100, blank=True)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("price")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("票价")
        verbose_name_plural = _("票价")


class AttractionGalleryImage(Orderable):
    page = ParentalKey(AttractionPage, on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("图片"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("说明"), max_length=100, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("图片")
        verbose_name_plural = _("图集")
