"""Demo Wagtail content for ``manage.py load_demo``: the home page as the default site's root,
and the 乡村旅游, 节庆活动, 直播带货 and 新闻动态 sections.

Pages are looked up by slug under their parent and only created when missing.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page

from .demo_pages import demo_page
from .events.demo import load_events
from .events.models import EventIndexPage
from .live.demo import load_live
from .live.models import LiveSaleIndexPage
from .models import HomePage
from .news.demo import load_news
from .news.models import NewsIndexPage
from .sites import sites_follow_site_url
from .tourism.demo import load_tourism
from .tourism.models import TourismIndexPage

HOME = {
    "title": "稳富",
    "slug": "wenfu",
    "hero_title": "稳得住 · 能致富",
    "hero_subtitle": "随县易地扶贫搬迁安置区消费帮扶平台：买安置区好物，游炎帝故里山水",
    "body": [
        {"type": "heading", "value": "让搬迁群众稳得住、能致富"},
        {
            "type": "paragraph",
            "value": (
                "<p>稳富汇集随县各镇、场、景区安置区合作社的香菇、木耳、茶叶、蜂蜜、油茶籽油等农特产品，"
                "个人可以在线购买，机关、企事业单位食堂和工会可以批量采购。</p>"
            ),
        },
        {
            "type": "paragraph",
            "value": (
                "<p>每一件商品都标明产地合作社和带动的安置区；乡村旅游和节庆活动栏目介绍安置区周边的"
                "精品线路和农事节庆，欢迎来随县走一走。</p>"
            ),
        },
    ],
}

#: Section slug -> (model, title, intro), in the home page's order.
SECTIONS = {
    "xiangcun-lvyou": (
        TourismIndexPage,
        "乡村旅游",
        "炎帝故里、大洪山、淮河源，安置区周边的精品线路与观光点。",
    ),
    "jieqing-huodong": (EventIndexPage, "节庆活动", "安置区周边的农事节庆：寻根节、香菇节、采茶节。"),
    "zhibo-daihuo": (LiveSaleIndexPage, "直播带货", "合作社和搬迁群众的直播间，边看边买。"),
    "xinwen": (NewsIndexPage, "新闻动态", "平台和安置区的最新消息。"),
}

#: The tourism bureau edits these sections and nothing else (see ``shop.users.demo``).
TOURISM_SECTION_SLUGS = ["xiangcun-lvyou", "jieqing-huodong", "zhibo-daihuo"]


def load_pages():
    """Creates the missing home page and sections, makes the home page the root of the default
    site and removes Wagtail's placeholder page. Returns the section pages by slug."""
    _ensure_wagtail_base()
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(**HOME))
        home.save_revision().publish()
    # The default site's root, at SITE_URL's host and port (not a port of its own).
    sites_follow_site_url(root_page=home)
    _delete_placeholder_pages(keep=home)

    return {
        slug: demo_page(home, model, slug, title=title, intro=intro)
        for slug, (model, title, intro) in SECTIONS.items()
    }


def load_content(sections):
    """Creates the missing demo routes and attractions, festivals, live sales and news under
    ``sections`` (``load_pages``'s), linked to the demo catalogue, which must be loaded first."""
    load_tourism(sections)
    # Festivals take place at the tourism demo's attractions.
    load_events(sections)
    load_live(sections)
    load_news(sections)


def _ensure_wagtail_base():
    """Wagtail's default locale, root page and root collection. Its migrations create them, but
    a database emptied since (``manage.py flush``, or a test that flushes) has none."""
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _delete_placeholder_pages(keep):
    """Deletes Wagtail's "Welcome to your new Wagtail site!" page: plain ``Page`` rows at the
    top of the tree, which no Wenfu page type ever is."""
    plain_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=plain_page).exclude(pk=keep.pk):
        page.delete()
