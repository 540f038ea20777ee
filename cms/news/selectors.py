"""Read-side queries of 新闻动态: live, public news, newest first (the news date, then the
publication), each list in a bounded number of queries."""

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.images import get_image_model

from catalog.models import ResettlementArea
from cms.featuring import FeaturingGroup, HomeSection
from cms.links import linked_products

from .models import NewsIndexPage, NewsPage, NewsPageArea, NewsPageProduct, NewsPageTag

CARD_RENDITION = "fill-480x320"
PER_PAGE = 10
HOME_NEWS = 4
FEATURING_NEWS = 5
NEWEST_FIRST = ["-date", "-first_published_at", "-pk"]


def news_public():
    """News visitors may see, newest first, with their images and tags."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return (
        NewsPage.objects.live()
        .public()
        .order_by(*NEWEST_FIRST)
        .prefetch_related(Prefetch("image", queryset=images), "tags")
    )


def news_tags(index):
    """The tags of the news under ``index``, by name."""
    tagged = NewsPageTag.objects.filter(content_object__in=news_public().descendant_of(index).values("pk"))
    return Tag.objects.filter(pk__in=tagged.values("tag_id")).order_by("name")


def news_listing(*, index, tag="", page_number=None, per_page=PER_PAGE):
    """Page ``page_number`` of the news under ``index``, only those tagged ``tag`` if given (an
    out-of-range or malformed number gives the nearest page)."""
    news = news_public().descendant_of(index)
    if tag:
        news = news.filter(tags__name=tag)
    return Paginator(news, per_page).get_page(page_number)


def news_links(page):
    """What a news page links to: its choosable ``products`` and its ``areas``, in order."""
    product_ids = NewsPageProduct.objects.filter(page=page).order_by("sort_order", "pk")
    area_ids = (
        NewsPageArea.objects.filter(page=page).order_by("sort_order", "pk").values_list("area_id", flat=True)
    )
    areas = ResettlementArea.objects.in_bulk(list(area_ids))
    return {
        "products": linked_products(list(product_ids.values_list("product_id", flat=True))),
        "areas": [areas[pk] for pk in area_ids if pk in areas],
    }


def news_featuring(product_ids, area_ids, *, limit=FEATURING_NEWS):
    """The ``FEATURING_HOOK`` of 新闻动态: the latest news linking one of ``product_ids`` or
    ``area_ids``. One query."""
    linking = NewsPage.objects.filter(product_links__product_id__in=product_ids).values("pk")
    about = NewsPage.objects.filter(area_links__area_id__in=area_ids).values("pk")
    news = list(
        NewsPage.objects.live()
        .public()
        .filter(Q(pk__in=linking) | Q(pk__in=about))
        .order_by(*NEWEST_FIRST)[:limit]
    )
    for item in news:
        item.featuring_note = formats.date_format(item.date)
    return FeaturingGroup(title=_("相关新闻"), pages=news, order=90)


def news_home_section(request, home):
    """The ``HOME_SECTION_HOOK`` of 新闻动态: the latest news, none when there is none."""
    news = list(news_public()[:HOME_NEWS])
    if not news:
        return None
    index = NewsIndexPage.objects.child_of(home).live().public().first()
    return HomeSection(
        template="news/includes/home_section.html", context={"news": news, "index": index}, order=50
    )
