from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from catalog.selectors import product_list_for_shoppers

from .blocks import BodyBlock
from .forms import TopLevelPageForm


class HomePage(Page):
    """The site root: what Wenfu is, and doors to the shop, procurement and tourism."""

    hero_title = models.CharField(_("主标题"), max_length=80, default="稳得住 · 能致富")
    hero_subtitle = models.CharField(_("副标题"), max_length=200, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("头图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)
    featured_products_count = models.PositiveSmallIntegerField(_("首页展示商品数"), default=8)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_subtitle"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("featured_products_count"),
    ]
    subpage_types = ["cms.SectionPage", "cms.ArticlePage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = product_list_for_shoppers()[: self.featured_products_count]
        context["sections"] = self.sections_with_latest_articles()
        return context

    def sections_with_latest_articles(self, count=3):
        """Live sections, each with ``latest_articles``: its ``count`` newest published articles."""
        sections = list(SectionPage.objects.child_of(self).live().public())
        for section in sections:
            section.latest_articles = list(
                ArticlePage.objects.child_of(section)
                .live()
                .public()
                .select_related("image")
                .order_by("-first_published_at")[:count]
            )
        return sections


class SectionPage(Page):
    """A section that lists its articles: 乡村旅游, 节庆活动, 新闻动态."""

    base_form_class = TopLevelPageForm

    intro = models.TextField(_("导语"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("题图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("image")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]

    class Meta:
        verbose_name = _("栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .select_related("image")
            .order_by("-first_published_at")
        )
        return context


class ArticlePage(Page):
    """A route, an attraction, a festival or a news item."""

    base_form_class = TopLevelPageForm

    summary = models.CharField(_("摘要"), max_length=200, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("题图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    location = models.CharField(_("地点"), max_length=100, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("location"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.SectionPage", "cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("文章")
