"""直播带货: cooperatives' live-selling sessions and the products they feature."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from catalog.constants import CooperativeStatus
from cms.blocks import BodyBlock
from cms.forms import WenfuPageForm
from cms.links import ProductLink
from cms.models import SectionIndexPage
from cms.search import CHINESE_SEARCH_FIELDS, ChineseSearchable
from cms.slugs import PinyinSlugMixin

from .constants import LiveStatus, Platform
from .status import live_sale_status

https_only = URLValidator(
    schemes=["https"], message=_("请填写以 https:// 开头的链接。"), code="https_required"
)


def _day_and_time(moment):
    return f"{formats.date_format(moment, 'MONTH_DAY_FORMAT')} {formats.time_format(moment)}"


class LiveSaleIndexPage(SectionIndexPage):
    """直播带货: the sales live now, the upcoming ones and the replays, by cooperative."""

    subpage_types = ["live.LiveSalePage"]
    template = "live/live_sale_index_page.html"

    class Meta:
        verbose_name = _("直播带货栏目")

    def get_context(self, request, *args, **kwargs):
        from .forms import LiveSaleFilterForm
        from .selectors import live_sale_listing

        context = super().get_context(request, *args, **kwargs)
        form = LiveSaleFilterForm(request.GET, index=self)
        filters = form.cleaned_filters()
        context["filter_form"] = form
        context["listing"] = live_sale_listing(
            index=self,
            status=filters["tab"],
            host=filters["coop"],
            page_number=request.GET.get("page"),
            now=timezone.now(),
        )
        return context


class LiveSalePage(PinyinSlugMixin, ChineseSearchable, Page):
    """One live-selling session (直播) of a cooperative, with the products it sells."""

    base_form_class = WenfuPageForm

    starts_at = models.DateTimeField(_("开始时间"), db_index=True)
    ends_at = models.DateTimeField(_("结束时间"), db_index=True)
    host = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("主播合作社"),
        on_delete=models.PROTECT,
        related_name="+",
        # Only a cooperative in good standing may host; suspended ones keep their past sales.
        limit_choices_to={"cooperative__status": CooperativeStatus.ACTIVE},
    )
    presenter = models.CharField(
        _("主播"), max_length=50, blank=True, help_text=_("例如：合作社理事长王德全")
    )
    platform = models.CharField(
        _("直播平台"), max_length=20, choices=Platform.choices, default=Platform.DOUYIN
    )
    stream_url = models.URLField(_("直播间链接"), blank=True, validators=[https_only])
    replay_url = models.URLField(_("回放链接"), blank=True, validators=[https_only])
    summary = models.CharField(_("摘要"), max_length=200, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("题图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("不上传时用第一件直播商品的图片。"),
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("host"),
                FieldPanel("presenter"),
                FieldPanel("platform"),
                FieldPanel("stream_url"),
                FieldPanel("replay_url"),
            ],
            heading=_("直播信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        InlinePanel("featured_products", label=_("直播商品"), heading=_("直播商品")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + CHINESE_SEARCH_FIELDS
    chinese_search_fields = ("summary", "presenter", "body")
    parent_page_types = ["live.LiveSaleIndexPage"]
    subpage_types = []
    template = "live/live_sale_page.html"

    class Meta:
        verbose_name = _("直播")
        verbose_name_plural = _("直播")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("结束时间必须晚于开始时间。")})

    def status_at(self, now):
        return live_sale_status(starts_at=self.starts_at, ends_at=self.ends_at, now=now)

    @cached_property
    def status(self):
        """The status now; lists set it for all their sales from one ``now``."""
        return self.status_at(timezone.now())

    @property
    def is_live(self):
        return self.status == LiveStatus.LIVE

    @property
    def when(self):
        """When it is on, in Beijing time: 12月04日 19:30–21:00, or both dates across midnight."""
        starts, ends = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        start = _day_and_time(starts)
        end = formats.time_format(ends) if ends.date() == starts.date() else _day_and_time(ends)
        return f"{start}–{end}"

    @property
    def replay_available(self):
        """The replay link shows once the sale has ended, and only then."""
        return self.status == LiveStatus.ENDED and bool(self.replay_url)

    @property
    def stream_open(self):
        """The way into the live room, before and during the sale."""
        return self.status != LiveStatus.ENDED and bool(self.stream_url)

    def get_context(self, request, *args, **kwargs):
        from .selectors import live_sale_products

        context = super().get_context(request, *args, **kwargs)
        context["products"] = live_sale_products(self)
        return context


class LiveSaleProduct(ProductLink):
    """A product sold in the live room, with the room's own offer (加赠、满减) if any."""

    page = ParentalKey(LiveSalePage, on_delete=models.CASCADE, related_name="featured_products")
    note = models.CharField(
        _("直播福利"), max_length=60, blank=True, help_text=_("例如：直播间下单加赠香菇脆片一袋")
    )

    panels = [FieldPanel("product"), FieldPanel("note")]

    class Meta(ProductLink.Meta):
        verbose_name = _("直播商品")
        verbose_name_plural = _("直播商品")
