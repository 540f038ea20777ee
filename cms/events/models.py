"""节庆活动: agricultural festivals and events (农事节庆), their dates, calendars and registrations.

An event's dates are typed three ways (explicit ranges, a recurrence, a lunar date; see
``occurrences``) and materialised into ``EventOccurrence`` rows whenever the page is published,
so the index, the calendar, the ICS feed and the featuring blocks query one table.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from cms.blocks import BodyBlock
from cms.links import ProductLink, linked_products
from cms.models import SectionIndexPage, optional_image
from cms.search import CHINESE_SEARCH_FIELDS, ChineseSearchable
from cms.slugs import PinyinSlugMixin
from shop.users.validators import validate_mainland_mobile

from . import occurrences as rules
from .constants import REGISTRATION_MAX_PEOPLE, OccurrenceSource
from .forms import EventPageForm

LUNAR_MONTH_CHOICES = [(month, rules.lunar_month_name(month)) for month in range(1, 13)]
LUNAR_DAY_CHOICES = [(day, rules.lunar_day_name(day)) for day in range(1, 31)]


def _hours_field(verbose_name):
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.5), MaxValueValidator(24 * 14)],
        help_text=_("每场持续多少小时，可填小数；跨天的活动填总时长，如两天填 48。"),
    )


class EventIndexPage(RoutablePageMixin, SectionIndexPage):
    """节庆活动: upcoming and past festivals, a month calendar and an ICS feed of what is coming."""

    subpage_types = ["events.EventPage"]
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("节庆活动栏目")

    def get_context(self, request, *args, **kwargs):
        # The section's generic list of children is replaced by the views' own lists.
        return Page.get_context(self, request, *args, **kwargs)

    # The views import the selectors, which import these models: hence the imports inside.
    @path("")
    def event_list(self, request):
        from .views import event_index

        return event_index(request, self)

    @path("calendar/", name="calendar")
    def event_calendar(self, request):
        from .views import event_calendar

        return event_calendar(request, self)


class EventPage(RoutablePageMixin, PinyinSlugMixin, ChineseSearchable, Page):
    """One festival: where, who organises it, when (its occurrences), what to buy there, and
    an optional registration with a capacity."""

    base_form_class = EventPageForm

    summary = models.CharField(_("摘要"), max_length=200, blank=True)
    image = optional_image(_("题图"))
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    venue_attraction = models.ForeignKey(
        "tourism.AttractionPage",
        verbose_name=_("举办景点"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    venue_area = models.ForeignKey(
        "catalogue.ResettlementArea",
        verbose_name=_("举办安置区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    venue_address = models.CharField(_("其他地址"), max_length=200, blank=True)
    town = models.CharField(
        _("所在镇/场/景区"),
        max_length=50,
        blank=True,
        db_index=True,
        help_text=_("举办地是景点或安置区时自动取其所在镇，不必填写。"),
    )
    organiser = models.CharField(_("主办单位"), max_length=100, blank=True)

    recurrence_rule = models.CharField(
        _("重复规则（RRULE）"),
        max_length=300,
        blank=True,
        help_text=_(
            "按 iCalendar RRULE 填写，必须有 COUNT 或 UNTIL，最长 5 年、500 次。"
            "例如每年四月的每个星期六：FREQ=YEARLY;BYMONTH=4;BYDAY=SA;UNTIL=20280430"
        ),
    )
    recurrence_start = models.DateTimeField(_("第一场开始时间"), null=True, blank=True)
    recurrence_hours = _hours_field(_("每场时长（小时）"))

    lunar_month = models.PositiveSmallIntegerField(
        _("农历月"), null=True, blank=True, choices=LUNAR_MONTH_CHOICES
    )
    lunar_day = models.PositiveSmallIntegerField(
        _("农历日"), null=True, blank=True, choices=LUNAR_DAY_CHOICES
    )
    lunar_leap_month = models.BooleanField(_("闰月"), default=False)
    lunar_start_time = models.TimeField(_("开始时间"), null=True, blank=True)
    lunar_hours = _hours_field(_("时长（小时）"))

    registration_enabled = models.BooleanField(_("开放报名"), default=False)
    registration_capacity = models.PositiveIntegerField(
        _("报名名额（人）"), null=True, blank=True, validators=[MinValueValidator(1)]
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                PageChooserPanel("venue_attraction", "tourism.AttractionPage"),
                FieldPanel("venue_area"),
                FieldPanel("venue_address"),
                FieldPanel("town"),
                FieldPanel("organiser"),
            ],
            heading=_("举办地与主办"),
            help_text=_("举办地三选一：景点、安置区或其他地址。"),
        ),
        InlinePanel("dates", label=_("活动时间"), heading=_("指定日期")),
        MultiFieldPanel(
            [
                FieldPanel("recurrence_rule"),
                FieldRowPanel([FieldPanel("recurrence_start"), FieldPanel("recurrence_hours")]),
            ],
            heading=_("按规则重复"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("lunar_month"), FieldPanel("lunar_day"), FieldPanel("lunar_leap_month")]
                ),
                FieldRowPanel([FieldPanel("lunar_start_time"), FieldPanel("lunar_hours")]),
            ],
            heading=_("每年农历固定日期"),
        ),
        FieldPanel("body"),
        InlinePanel("products", label=_("关联商品"), heading=_("关联商品")),
        MultiFieldPanel(
            [FieldPanel("registration_enabled"), FieldPanel("registration_capacity")], heading=_("报名")
        ),
    ]
    search_fields = Page.search_fields + CHINESE_SEARCH_FIELDS
    chinese_search_fields = ("summary", "town", "organiser", "venue_address", "body")
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("节庆活动")
        verbose_name_plural = _("节庆活动")

    def clean(self):
        super().clean()
        venues = [self.venue_attraction_id, self.venue_area_id, self.venue_address.strip()]
        if sum(bool(venue) for venue in venues) > 1:
            raise ValidationError({"venue_address": _("举办地只能选一个：景点、安置区或其他地址。")})
        if self.venue_attraction_id:
            self.town = self.venue_attraction.town
        elif self.venue_area_id:
            self.town = self.venue_area.town
        if self.registration_enabled and not self.registration_capacity:
            raise ValidationError({"registration_capacity": _("开放报名时请填写名额。")})
        self.generated_occurrences()

    def generated_occurrences(self, *, today=None):
        """The occurrences of the recurrence and of the lunar date (the explicit dates are rows of
        their own). Raises ``ValidationError`` on the field at fault."""
        today = today or timezone.localdate()
        found = []
        rule_fields = {
            "recurrence_rule": self.recurrence_rule.strip(),
            "recurrence_start": self.recurrence_start,
            "recurrence_hours": self.recurrence_hours,
        }
        if any(rule_fields.values()):
            missing = {
                name: _("按规则重复时，规则、第一场开始时间和时长都要填写。")
                for name, v in rule_fields.items()
                if not v
            }
            if missing:
                raise ValidationError(missing)
            try:
                found += rules.rule_occurrences(
                    self.recurrence_rule, self.recurrence_start, rules.hours(self.recurrence_hours)
                )
            except ValidationError as error:
                raise ValidationError({"recurrence_rule": error.messages}) from error
        lunar_fields = {
            "lunar_month": self.lunar_month,
            "lunar_day": self.lunar_day,
            "lunar_start_time": self.lunar_start_time,
            "lunar_hours": self.lunar_hours,
        }
        if any(lunar_fields.values()) or self.lunar_leap_month:
            missing = {
                name: _("农历日期的月、日、开始时间和时长都要填写。")
                for name, v in lunar_fields.items()
                if not v
            }
            if missing:
                raise ValidationError(missing)
            try:
                found += rules.lunar_occurrences(
                    self.lunar_month,
                    self.lunar_day,
                    self.lunar_leap_month,
                    self.lunar_start_time,
                    rules.hours(self.lunar_hours),
                    today=today,
                )
            except ValidationError as error:
                raise ValidationError({"lunar_month": error.messages}) from error
        return found

    def all_occurrences(self, *, today=None):
        """Every occurrence of this version of the page, in time order."""
        explicit = [
            # Keyed by its start, which survives re-publishing (a date's row id may not).
            rules.Occurrence(
                date.start,
                date.end,
                OccurrenceSource.DATE,
                f"date-{timezone.localtime(date.start):%Y%m%dT%H%M}",
            )
            for date in self.dates.all()
        ]
        return sorted(explicit + self.generated_occurrences(today=today), key=lambda o: (o.start, o.end))

    def linked_products(self):
        """The products this event features that are still for sale, in the editor's order."""
        return linked_products([link.product_id for link in self.products.all()])

    def venue_label(self):
        """Where it happens, as a visitor would write it down."""
        if self.venue_attraction_id:
            attraction = self.venue_attraction
            return f"{attraction.title}（{attraction.address}）" if attraction.address else attraction.title
        if self.venue_area_id:
            area = self.venue_area
            return f"{area.name}（{_('湖北省随州市随县')}{area.town}{area.village}）"
        return self.venue_address

    def get_context(self, request, *args, **kwargs):
        from .views import event_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_page_context(request, self))
        return context

    @path("register/", name="register")
    def register(self, request):
        from .views import event_register

        return event_register(request, self)


class EventPageDate(Orderable):
    """An explicit date-time range of an event, in Beijing time."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="dates")
    start = models.DateTimeField(_("开始"))
    end = models.DateTimeField(_("结束"))

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])]

    class Meta(Orderable.Meta):
        verbose_name = _("活动时间")
        verbose_name_plural = _("活动时间")

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("结束时间必须晚于开始时间。")})


class EventPageProduct(ProductLink):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="products")


class EventOccurrence(models.Model):
    """A dated occurrence of the live version of an event, rewritten on every publish."""

    page = models.ForeignKey(
        EventPage, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="occurrences"
    )
    start = models.DateTimeField(_("开始"))
    end = models.DateTimeField(_("结束"))
    source = models.CharField(_("来源"), max_length=10, choices=OccurrenceSource.choices)
    key = models.CharField(_("日历标识"), max_length=40)

    class Meta:
        verbose_name = _("活动场次")
        verbose_name_plural = _("活动场次")
        ordering = ["start", "end"]
        indexes = [
            models.Index(fields=["page", "end", "start"], name="events_occ_page_end"),
            models.Index(fields=["start", "end"], name="events_occ_start_end"),
        ]

    def __str__(self):
        return f"{self.page_id} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"


class EventRegistration(models.Model):
    """A visitor's registration for an event; one per mobile number and event."""

    page = models.ForeignKey(
        EventPage, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("姓名"), max_length=50)
    mobile = models.CharField(_("手机号"), max_length=11, validators=[validate_mainland_mobile])
    people = models.PositiveSmallIntegerField(
        _("人数"), default=1, validators=[MinValueValidator(1), MaxValueValidator(REGISTRATION_MAX_PEOPLE)]
    )
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)

    class Meta:
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["page", "mobile"], name="events_one_registration_per_mobile")
        ]

    def __str__(self):
        return f"{self.name} {self.mobile}"
