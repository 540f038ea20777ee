"""Demo 新闻动态 for ``manage.py load_demo``: the platform's and the areas' news, tagged, dated in
the weeks before the load, each linked to the demo products and areas it is about, each with a
generated picture of what it is about.

News is looked up by slug and only created when missing, so a second run changes nothing.
"""

import io
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.images import ImageFile
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.images import get_image_model

from catalog.demo import product_image_bytes
from catalog.models import ResettlementArea
from cms.demo_pages import demo_page

from .models import NewsPage, NewsPageArea, NewsPageProduct

Product = get_model("catalogue", "Product")


@dataclass(frozen=True)
class DemoNews:
    slug: str
    title: str
    days_ago: int
    summary: str
    paragraphs: tuple
    tags: tuple
    picture: str  # a catalog.demo.IMAGE_STYLES leaf: what the generated picture shows
    products: tuple = ()  # product titles
    areas: tuple = ()  # area slugs


NEWS = [
    DemoNews(
        "wenfu-shangxian",
        "稳富平台上线试运行",
        30,
        "安置区合作社的农特产品上线了。",
        (
            "稳富平台汇集了九家安置区合作社的四十余款农特产品，支持个人下单和单位食堂、工会批量采购。",
            "平台将持续邀请更多合作社入驻，并推介安置区周边的旅游线路和节庆活动。",
        ),
        ("平台动态", "消费帮扶"),
        "食用菌 > 香菇",
        ("随州花菇 500g", "随县黑木耳 250g", "高山土蜂蜜 500g"),
    ),
    DemoNews(
        "shitang-caigou-duijie",
        "食堂与合作社产销对接",
        21,
        "采购员走进安置区，看基地、签订单。",
        (
            "机关食堂采购员走访三里岗、洪山等地的安置区合作社，了解香菇、油茶籽油的生产情况。",
            "采购员在合作社的分拣车间和油茶基地看了生产和检测流程，几家食堂当场确定了长期供货的品类。",
        ),
        ("机构采购", "产销对接"),
        "粮油 > 油茶籽油",
        ("洪山油茶籽油 5L", "三里岗厚肉香菇礼盒 1kg"),
        ("sanligang-jixiangsi", "hongshan-xichong"),
    ),
    DemoNews(
        "xianggu-fenjian-chejian",
        "香菇小镇安置区分拣车间投入使用",
        14,
        "家门口的车间，搬迁群众就近务工。",
        (
            "三里岗镇香菇小镇安置区配套的香菇分拣车间投入使用，兴农香菇种植专业合作社在车间统一分级、烘干和包装。",
            "车间的分拣岗位优先安排安置区的搬迁群众，按件计酬，照顾老人和孩子的同时也有一份收入。",
        ),
        ("香菇", "稳岗就业"),
        "食用菌 > 香菇",
        ("鲜香菇 2.5kg 产地直发", "三里岗香菇干货 250g"),
        ("sanligang-jixiangsi",),
    ),
    DemoNews(
        "paopaoqing-shangshi",
        "经霜泡泡青陆续上市",
        7,
        "厉山镇的冬季叶菜，产地直发商超和食堂。",
        (
            "入冬以后，厉山镇神农安置小区旁的泡泡青基地陆续开采，经霜后的泡泡青叶片起泡、口感软糯回甜。",
            "神农泡泡青种植专业合作社采用订单种植，食堂装可在机构采购中按阶梯价下单。",
        ),
        ("时令蔬菜", "机构采购"),
        "时令蔬菜 > 泡泡青",
        ("随州泡泡青 2.5kg", "泡泡青 5kg 食堂装"),
        ("lishan-shennong",),
    ),
    DemoNews(
        "zhibo-daihuo-peixun",
        "合作社直播带货培训班结业",
        3,
        "搬迁群众学做主播，把山里的好物卖出去。",
        (
            "为期三天的直播带货培训班在洪山镇结业，来自各安置区合作社的学员学习了选品、布景、讲解和售后。",
            "结业后，学员将在合作社的直播间轮流上岗，平台的直播带货栏目会提前发布每场直播的预告。",
        ),
        ("直播带货", "消费帮扶"),
        "蜂产品 > 蜂蜜",
        ("大洪山土蜂巢蜜 400g",),
        ("hongshan-xichong",),
    ),
]


def load_news(sections):
    """Creates the missing demo news under the 新闻动态 section. Returns the news pages."""
    index = sections["xinwen"]
    today = timezone.localdate()
    return [_news(index, item, today) for item in NEWS]


def _news(index, item, today):
    existing = NewsPage.objects.child_of(index).filter(slug=item.slug).first()
    if existing is not None:
        return existing
    products = {p.title: p for p in Product.objects.filter(title__in=item.products)}
    areas = ResettlementArea.objects.in_bulk(item.areas, field_name="slug")
    page = demo_page(
        index,
        NewsPage,
        item.slug,
        title=item.title,
        date=today - timedelta(days=item.days_ago),
        summary=item.summary,
        image=_picture(item),
        body=[{"type": "paragraph", "value": f"<p>{text}</p>"} for text in item.paragraphs],
        product_links=[
            NewsPageProduct(product=products[title], sort_order=position)
            for position, title in enumerate(item.products)
        ],
        area_links=[
            NewsPageArea(area=areas[slug], sort_order=position) for position, slug in enumerate(item.areas)
        ],
    )
    # Tags go on through a second revision: demo_page publishes the page as it creates it.
    page.tags.add(*item.tags)
    page.save_revision().publish()
    return page


def _picture(item):
    image = get_image_model()(title=item.title)
    picture = io.BytesIO(product_image_bytes(item.slug, item.picture))
    image.file = ImageFile(picture, name=f"news-{item.slug}.jpg")
    image.save()
    return image
