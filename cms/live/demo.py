"""Demo 直播带货 for ``manage.py load_demo``: three sales of demo cooperatives, timed from the
moment the demo is first loaded (one ended with a replay, one live now, one upcoming), selling
their real demo products; and the products the home page features.

Sales are looked up by slug and only created when missing, so a second run changes nothing
(and the sales keep the times of the first run).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone
from oscar.core.loading import get_model

from cms.demo_pages import demo_page
from cms.models import HomePageProduct

from .constants import Platform
from .models import LiveSalePage, LiveSaleProduct

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


@dataclass(frozen=True)
class DemoSale:
    slug: str
    title: str
    host: str  # Partner.code
    presenter: str
    platform: str
    summary: str
    text: str
    products: tuple  # (product title, room offer)


PAST = DemoSale(
    "sanligang-xianggu-zhuanchang",
    "三里岗香菇节直播专场",
    "sanligang-xingnong",
    "合作社理事长王德全和搬迁户小周",
    Platform.DOUYIN,
    "香菇大棚现场采摘、分拣，产地价直发。",
    "直播间走进三里岗镇香菇小镇安置区旁的香菇大棚，搬迁群众现场演示采摘、分拣和烘干，"
    "合作社理事长讲解花菇和厚肉香菇的区别。错过直播的朋友可以看回放，商品仍可在商城下单。",
    (
        ("随州花菇 500g", "直播间下单加赠香菇脆片一袋"),
        ("三里岗厚肉香菇礼盒 1kg", ""),
        ("三里岗香菇干货 250g", ""),
        ("香菇牛肉酱 210g×2瓶", "两件包邮"),
    ),
)
LIVE = DemoSale(
    "dahongshan-tufengmi-zhibojian",
    "大洪山土蜂蜜直播间",
    "hongshan-baihua",
    "养蜂人李明山",
    Platform.KUAISHOU,
    "跟着养蜂人上山开箱摇蜜，土蜂巢蜜现割现装。",
    "百花土蜂养殖专业合作社的蜂场在大洪山脚下，蜂箱由合作社免费发给安置小区的搬迁户。"
    "直播间带大家看开箱、割蜜、摇蜜的全过程，并讲解蜂蜜结晶的道理。",
    (
        ("大洪山土蜂巢蜜 400g", "直播间专享，每人限购两件"),
        ("高山土蜂蜜 500g", ""),
        ("百花蜜 1kg", ""),
        ("林下散养土鸡蛋 30枚", "与蜂蜜同单发货"),
    ),
)
UPCOMING = DemoSale(
    "changgang-mingqian-caicha",
    "长岗明前茶开采直播",
    "changgang-yunwu",
    "茶农陈国平",
    Platform.CHANNELS,
    "高山茶园开采第一天，现场手工炒制明前毛尖。",
    "云雾茶叶专业合作社的茶园在长岗镇茶园安置点周边，采茶季优先雇用安置点的劳动力。"
    "开采当天的直播从茶园到炒茶车间，预约直播间，开播时提醒你。",
    (
        ("明前毛尖 100g", "开播前预约下单享早鸟价"),
        ("随县高山云雾茶 250g", ""),
        ("随县工夫红茶 200g", ""),
    ),
)

#: What the home page features: a staple of each kind the county is known for.
HOME_PRODUCTS = [
    "随州花菇 500g",
    "随县黑木耳 250g",
    "高山土蜂蜜 500g",
    "随县高山云雾茶 250g",
    "洪山油茶籽油 500ml",
    "万和鲜板栗 2.5kg",
    "野生葛根粉 1kg",
    "随州泡泡青 2.5kg",
]


def load_live(sections):
    """Creates the missing demo sales under the 直播带货 section and, when the editor has chosen
    none, the home page's featured products. Returns the sales."""
    index = sections["zhibo-daihuo"]
    now = timezone.localtime()
    # The upcoming sale starts at 19:30 Beijing time, the evening slot most rooms use.
    evening = datetime.combine(now.date() + timedelta(days=2), time(19, 30), tzinfo=now.tzinfo)
    timings = [
        (PAST, now - timedelta(days=3, hours=2), timedelta(hours=2)),
        (LIVE, now - timedelta(minutes=30), timedelta(hours=2)),
        (UPCOMING, evening, timedelta(hours=1, minutes=30)),
    ]
    sales = [_sale(index, sale, starts_at, length) for sale, starts_at, length in timings]
    _feature_on_home(index.get_parent().specific)
    return sales


def _sale(index, sale, starts_at, length):
    products = _products_by_title(title for title, _note in sale.products)
    ended = sale is PAST
    return demo_page(
        index,
        LiveSalePage,
        sale.slug,
        title=sale.title,
        starts_at=starts_at,
        ends_at=starts_at + length,
        host=Partner.objects.get(code=sale.host),
        presenter=sale.presenter,
        platform=sale.platform,
        stream_url=f"https://live.example.com/wenfu/{sale.slug}",
        replay_url=f"https://live.example.com/wenfu/{sale.slug}/replay" if ended else "",
        summary=sale.summary,
        body=[{"type": "paragraph", "value": f"<p>{sale.text}</p>"}],
        featured_products=[
            LiveSaleProduct(product=products[title], note=note, sort_order=position)
            for position, (title, note) in enumerate(sale.products)
        ],
    )


def _feature_on_home(home):
    if home.featured_products.exists():
        return
    products = _products_by_title(HOME_PRODUCTS)
    # Through a revision, so the editor opens the page with the products the site shows.
    home.featured_products = [
        HomePageProduct(product=products[title], sort_order=position)
        for position, title in enumerate(HOME_PRODUCTS)
    ]
    home.save_revision().publish()


def _products_by_title(titles):
    return {product.title: product for product in Product.objects.filter(title__in=list(titles))}
