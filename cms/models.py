from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Page

from catalog.selectors import product_list_for_shoppers, product_sort

from .blocks import BodyBlock
from .featuring import HomeSection, home_sections
from .forms import WenfuPageForm
from .links import ProductLink, linked_products
from .search import CHINESE_SEARCH_FIELDS, ChineseSearchable
from .slugs import PinyinSlugMixin


def optional_image(verbose_name):
    """A page's optional picture from Wagtail's image library; deleting the image leaves the page."""
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class HomePage(PinyinSlugMixin, Page):
    """The site root: what Wenfu is, doors to the shop, procurement and tourism, then its blocks
    in ``order``: one from each content area (``cms.featuring.home_sections``) and the products
    an editor features. The orders follow the issue's page: routes 10, festivals 20, live sales
    30, featured products 40 (``PRODUCTS_ORDER``), news 50."""

    PRODUCTS_ORDER = 40

    base_form_class = WenfuPageForm

    hero_title = models.CharField(_("主标题"), max_length=80, default="稳得住 · 能致富")
    hero_subtitle = models.CharField(_("副标题"), max_length=200, blank=True)
    hero_image = optional_image(_("头图"))
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)
    featured_products_count = models.PositiveSmallIntegerField(
        _("首页展示商品数"), default=8, help_text=_("未选择推荐商品时，按销量展示这么多件。")
    )

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_subtitle"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("featured_products", label=_("推荐商品"), heading=_("推荐商品")),
        FieldPanel("featured_products_count"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        products = HomeSection(
            template="cms/includes/home_products.html",
            context={"products": self.products_to_feature()},
            order=self.PRODUCTS_ORDER,
        )
        context["home_sections"] = sorted(
            [*home_sections(request, self), products], key=lambda section: section.order
        )
        return context

    def products_to_feature(self):
        """The products the editor chose that are still for sale, or else the best sellers."""
        chosen = linked_products([link.product_id for link in self.featured_products.all()])
        if chosen:
            return chosen
        return list(product_sort(product_list_for_shoppers(), "best-selling")[: self.featured_products_count])


class HomePageProduct(ProductLink):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_products")


class SectionIndexPage(PinyinSlugMixin, ChineseSearchable, Page):
    """A top-level section under the home page (乡村旅游, 节庆活动, 直播带货, 新闻动态) that lists
    its children; each content area subclasses it with its own filters."""

    base_form_class = WenfuPageForm

    intro = models.TextField(_("导语"), blank=True)
    image = optional_image(_("题图"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("image")]
    search_fields = Page.search_fields + CHINESE_SEARCH_FIELDS
    chinese_search_fields = ("intro",)
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    template = "cms/section_index_page.html"

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context
