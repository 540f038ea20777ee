"""新闻动态: news of the platform and the resettlement areas."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import BodyBlock
from cms.forms import WenfuPageForm
from cms.links import AreaLink, ProductLink
from cms.models import SectionIndexPage, optional_image
from cms.search import CHINESE_SEARCH_FIELDS, ChineseSearchable
from cms.slugs import PinyinSlugMixin


class NewsIndexPage(SectionIndexPage):
    """新闻动态: the news, newest first, by tag."""

    subpage_types = ["news.NewsPage"]
    template = "news/news_index_page.html"

    class Meta:
        verbose_name = _("新闻动态栏目")

    def get_context(self, request, *args, **kwargs):
        from .forms import NewsFilterForm
        from .selectors import news_listing

        context = super().get_context(request, *args, **kwargs)
        form = NewsFilterForm(request.GET, index=self)
        context["filter_form"] = form
        context["news"] = news_listing(
            index=self, tag=form.cleaned_tag(), page_number=request.GET.get("page")
        )
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(PinyinSlugMixin, ChineseSearchable, Page):
    """A news item. ``date`` is the news's own date, which the editor sets (an article about an
    event of last week published today keeps last week's date)."""

    base_form_class = WenfuPageForm

    date = models.DateField(_("新闻日期"), default=timezone.localdate, db_index=True)
    summary = models.CharField(_("摘要"), max_length=200, blank=True)
    image = optional_image(_("题图"))
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, verbose_name=_("标签"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("tags")], heading=_("日期与标签")),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("product_links", label=_("相关商品"), heading=_("相关商品")),
        InlinePanel("area_links", label=_("相关安置区"), heading=_("相关安置区")),
    ]
    search_fields = Page.search_fields + CHINESE_SEARCH_FIELDS
    chinese_search_fields = ("summary", "body", "tag_names")
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    template = "news/news_page.html"

    class Meta:
        verbose_name = _("新闻")
        verbose_name_plural = _("新闻")

    def tag_names(self):
        return " ".join(tag.name for tag in self.tags.all())

    def get_context(self, request, *args, **kwargs):
        from .selectors import news_links

        context = super().get_context(request, *args, **kwargs)
        context.update(news_links(self))
        return context


class NewsPageProduct(ProductLink):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="product_links")


class NewsPageArea(AreaLink):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="area_links")
