"""Demo Wagtail content for ``manage.py load_demo``: the home page as the default site's root,
and the 乡村旅游, 节庆活动 and 新闻动态 sections with a few published articles each.

Pages are looked up by slug under their parent and only created when missing.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page

from .models import ArticlePage, HomePage, SectionPage
from .sites import sites_follow_site_url

HOME = {
    "title": "稳富",
    "slug": "wenfu",
    "hero_title": "稳得住 · 能致富",
    "hero_subtitle": "随县易地扶贫搬迁安置区消费帮扶平台：买安置区好物，游炎帝故里山水",
    "body": [
        {"type": "heading", "value": "让搬迁群众稳得住、能致富"},
        {"type": "paragraph", "value": (
            "<p>稳富汇集随县各镇、场、景区安置区合作社的香菇、木耳、茶叶、蜂蜜、油茶籽油等农特产品，"
            "个人可以在线购买，机关、企事业单位食堂和工会可以批量采购。</p>"
        )},
        {"type": "paragraph", "value": (
            "<p>每一件商品都标明产地合作社和带动的安置区；乡村旅游和节庆活动栏目介绍安置区周边的"
            "精品线路和农事节庆，欢迎来随县走一走。</p>"
        )},
    ],
}

#: Section slug -> (title, intro); the first two are the tourism bureau's.
SECTIONS = {
    "xiangcun-lvyou": ("乡村旅游", "炎帝故里、大洪山和淮河源头，安置区周边的精品线路与观光点。"),
    "jieqing-huodong": ("节庆活动", "安置区周边的农事节庆：寻根节、香菇节、采茶节。"),
    "xinwen": ("新闻动态", "平台和安置区的最新消息。"),
}

#: Section slug -> articles: (slug, title, summary, location, paragraphs).
ARTICLES = {
    "xiangcun-lvyou": [
        ("yandi-guli-xungen", "炎帝故里寻根之旅", "拜谒炎帝神农，品泡泡青农家宴。", "随县厉山镇", [
            "上午参观炎帝故里景区，了解神农尝百草、教民稼穑的传说；"
            "午餐在神农安置小区旁的农家乐品尝泡泡青和土鸡汤。",
            "下午走进泡泡青种植基地体验采摘，合作社可代为打包寄送回家。",
        ]),
        ("dahongshan-shanshui", "大洪山山水之旅", "登大洪山、访古寺、探溶洞，住安置区民宿。", "随县洪山镇", [
            "大洪山位于随县南部，山势雄浑、林木茂密，适合徒步和观景。",
            "洪山镇安置小区的搬迁群众开办了民宿和农家餐馆，"
            "油茶林、土蜂场可预约参观。",
        ]),
        ("sanligang-xianggu-xiaozhen", "三里岗香菇小镇一日游", "看香菇大棚、逛香菇市场。", "随县三里岗镇", [
            "三里岗是远近闻名的香菇集镇，香菇大棚就建在安置区旁边。",
            "游客可以参观菌棒生产和香菇分拣，在市场上直接向合作社购买当季花菇。",
        ]),
    ],
    "jieqing-huodong": [
        ("sanligang-xianggu-jie", "三里岗香菇节", "香菇采摘、厨艺比赛、产销对接。", "随县三里岗镇", [
            "香菇节期间，各合作社在香菇市场设展位，搬迁群众现场直播销售。",
            "机关食堂和企业工会可在现场与合作社签订长期供货协议。",
        ]),
        ("yandi-guli-xungen-jie", "炎帝故里寻根节", "拜谒炎帝神农，赶农特产品大集。", "随县厉山镇", [
            "寻根节期间举办农特产品大集，安置区合作社集中展示随县特产。",
        ]),
        ("changgang-caicha-jie", "长岗高山采茶节", "上茶山采茶、学炒茶，品一杯明前毛尖。", "随县长岗镇", [
            "云雾茶叶合作社开放茶园和制茶车间，游客可在茶农指导下体验手工炒茶。",
        ]),
    ],
    "xinwen": [
        ("wenfu-shangxian", "稳富平台上线试运行", "安置区合作社的农特产品上线了。", "随县", [
            "稳富平台汇集了九家安置区合作社的四十余款农特产品，"
            "支持个人下单和单位食堂、工会批量采购。",
            "平台将持续邀请更多合作社入驻，并推介安置区周边的旅游线路和节庆活动。",
        ]),
        ("shitang-caigou-duijie", "食堂与合作社产销对接", "采购员走进安置区，看基地、签订单。", "随县", [
            "机关食堂采购员走访三里岗、洪山等地的安置区合作社，"
            "了解香菇、油茶籽油的生产情况。",
        ]),
    ],
}

#: The tourism bureau edits these sections and nothing else (see ``shop.users.demo``).
TOURISM_SECTION_SLUGS = ["xiangcun-lvyou", "jieqing-huodong"]


def load_pages():
    """Creates the missing home page, sections and articles, makes the home page the root of
    the default site and removes Wagtail's placeholder page. Returns the section pages by slug."""
    _ensure_wagtail_base()
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(**HOME))
        home.save_revision().publish()
    # The default site's root, at SITE_URL's host and port (not a port of its own).
    sites_follow_site_url(root_page=home)
    _delete_placeholder_pages(keep=home)

    sections = {}
    for slug, (title, intro) in SECTIONS.items():
        section = _child(home, SectionPage, slug, title=title, intro=intro)
        sections[slug] = section
        for article_slug, article_title, summary, location, paragraphs in ARTICLES[slug]:
            _child(
                section, ArticlePage, article_slug, title=article_title, summary=summary,
                location=location, body=[{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs],
            )
    return sections


def _ensure_wagtail_base():
    """Wagtail's default locale, root page and root collection. Its migrations create them, but
    a database emptied since (``manage.py flush``, or a test that flushes) has none."""
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def _child(parent, model, slug, **fields):
    """The ``model`` page ``slug`` under ``parent``, created and published when missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
    return page


def _delete_placeholder_pages(keep):
    """Deletes Wagtail's "Welcome to your new Wagtail site!" page: plain ``Page`` rows at the
    top of the tree, which no Wenfu page type ever is."""
    plain_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=plain_page).exclude(pk=keep.pk):
        page.delete()
