"""Demo catalogue for ``manage.py load_demo``: resettlement areas, cooperatives, categories and
products of Sui County, with generated product images.

Everything is looked up by a natural key (area slug, partner code, credit code, category path,
UPC) and only created when missing, so a second run changes nothing. Names, figures and
coordinates are illustrative demo data, never official statistics.
"""

import io
import random
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from PIL import Image, ImageDraw

from .constants import CertificationKind, NetUnit, Storage
from .models import CooperativeProfile, ProductCertification, ResettlementArea, TierPrice
from .richtext import description_clean
from .services import product_search_text_refresh
from .slugs import pinyin_slugify
from .validators import cooperative_credit_code

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

# --- Resettlement areas ------------------------------------------------------------------------

#: slug, name, town, village, year, households, people, latitude, longitude (approximate), description
AREAS = [
    (
        "lishan-shennong",
        "厉山镇神农安置小区",
        "厉山镇",
        "烈山村",
        2017,
        186,
        602,
        "31.7960",
        "113.2150",
        "紧邻炎帝故里景区，搬迁群众就近在泡泡青基地和景区务工。",
    ),
    (
        "yindian-dongyue",
        "殷店镇东岳安置点",
        "殷店镇",
        "东岳村",
        2016,
        94,
        301,
        "32.0510",
        "113.4120",
        "北部山区集中安置点，发展黑木耳袋料栽培。",
    ),
    (
        "caodian-taoyuan",
        "草店镇桃园安置点",
        "草店镇",
        "桃园村",
        2018,
        72,
        236,
        "31.9720",
        "113.2830",
        "依托葛根种植和粗加工车间，吸纳搬迁群众稳定就业。",
    ),
    (
        "hongshan-xichong",
        "洪山镇大洪山安置小区",
        "洪山镇",
        "西冲村",
        2018,
        158,
        517,
        "31.4420",
        "113.0980",
        "位于大洪山脚下，油茶林下经济与土蜂养殖并举，兼做乡村民宿。",
    ),
    (
        "changgang-chayuan",
        "长岗镇茶园安置点",
        "长岗镇",
        "茶场村",
        2019,
        63,
        198,
        "31.5160",
        "113.0470",
        "高山茶园环绕，搬迁群众参与采茶、制茶。",
    ),
    (
        "wanhe-liyuan",
        "万和镇梨园安置点",
        "万和镇",
        "梨园村",
        2017,
        81,
        264,
        "31.5930",
        "113.3060",
        "板栗园就在安置点后山，集体经济统一收购加工。",
    ),
    (
        "sanligang-jixiangsi",
        "三里岗镇香菇小镇安置区",
        "三里岗镇",
        "吉祥寺村",
        2016,
        243,
        786,
        "31.5050",
        "113.1870",
        "香菇之乡的集中安置区，配套香菇大棚和分拣车间。",
    ),
    (
        "xiaolin-huayuan",
        "小林镇花园安置点",
        "小林镇",
        "花园村",
        2020,
        57,
        183,
        "32.0830",
        "113.5940",
        "银杏和蜜枣是当地传统产业，安置点设有蜜枣加工坊。",
    ),
]

# --- Cooperatives ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cooperative:
    code: str  # Oscar Partner.code, the natural key
    name: str
    organisation_code: str  # positions 9-17 of the credit code
    representative: str
    mobile: str
    address: str
    areas: tuple
    households: int
    employed: int
    mechanism: str


COOPERATIVES = [
    Cooperative(
        "sanligang-xingnong",
        "随县三里岗镇兴农香菇种植专业合作社",
        "MA48B3QX1",
        "王德全",
        "13800000101",
        "随县三里岗镇吉祥寺村香菇产业园 1 号",
        ("sanligang-jixiangsi",),
        126,
        48,
        "统一供应菌棒、统一技术指导、统一保底收购；搬迁户以大棚入股，年底按股分红。",
    ),
    Cooperative(
        "yindian-lvyuan",
        "随县殷店镇绿源黑木耳专业合作社",
        "MA48C7RD5",
        "刘春梅",
        "13800000102",
        "随县殷店镇东岳村二组",
        ("yindian-dongyue",),
        62,
        25,
        "吸纳搬迁群众在晾晒、分拣岗位务工，按件计酬；木耳按保护价收购。",
    ),
    Cooperative(
        "changgang-yunwu",
        "随县长岗镇云雾茶叶专业合作社",
        "MA48D2K7W",
        "陈国平",
        "13800000103",
        "随县长岗镇茶场村茶厂",
        ("changgang-chayuan",),
        45,
        30,
        "采茶季优先雇用安置点劳动力；茶园流转租金和务工收入双保障。",
    ),
    Cooperative(
        "hongshan-baihua",
        "随县洪山镇百花土蜂养殖专业合作社",
        "MA48E5NP3",
        "李明山",
        "13800000104",
        "随县洪山镇西冲村",
        ("hongshan-xichong",),
        38,
        16,
        "免费发放蜂箱、蜂种，合作社统一摇蜜、检测、包装和销售。",
    ),
    Cooperative(
        "hongshan-youcha",
        "随县洪山镇大洪山油茶种植专业合作社",
        "MA48F8TL6",
        "张秀兰",
        "13800000105",
        "随县洪山镇大洪山油茶基地",
        ("hongshan-xichong",),
        74,
        35,
        "油茶林下套种，搬迁户参与管护和采摘；茶籽按市场价上浮 5% 收购。",
    ),
    Cooperative(
        "wanhe-fengshou",
        "随县万和镇丰收板栗专业合作社",
        "MA48G1HU8",
        "周建华",
        "13800000106",
        "随县万和镇梨园村板栗加工厂",
        ("wanhe-liyuan",),
        58,
        22,
        "老栗园改造提质，搬迁户以栗园托管入社，加工利润二次返还。",
    ),
    Cooperative(
        "caodian-gexiang",
        "随县草店镇葛香农产品加工专业合作社",
        "MA48H4JY2",
        "吴世英",
        "13800000107",
        "随县草店镇桃园村葛根加工车间",
        ("caodian-taoyuan",),
        41,
        19,
        "订单种植葛根，合作社统一加工成葛粉、葛根面；车间岗位优先安排搬迁群众。",
    ),
    Cooperative(
        "lishan-shennong",
        "随县厉山镇神农泡泡青种植专业合作社",
        "MA48J6MW9",
        "杨光荣",
        "13800000108",
        "随县厉山镇烈山村蔬菜基地",
        ("lishan-shennong",),
        96,
        40,
        "“合作社+基地+搬迁户”模式，冬季泡泡青订单种植，产地直发商超和食堂。",
    ),
    Cooperative(
        "xiaolin-jinguo",
        "随县小林镇金果银杏蜜枣专业合作社",
        "MA48K9PB4",
        "赵德明",
        "13800000109",
        "随县小林镇花园村",
        ("xiaolin-huayuan",),
        33,
        14,
        "银杏果、青枣保底收购，蜜枣作坊吸纳搬迁妇女就近就业。",
    ),
]

# --- Categories and products -------------------------------------------------------------------

#: Leaf breadcrumb -> (what the product is, how to keep it); used to write descriptions.
CATEGORIES = {
    "食用菌 > 香菇": (
        "段木和袋料栽培，菌盖厚实、菌褶细白，泡发后香味浓郁。",
        "阴凉干燥处密封保存，开封后尽快食用。",
    ),
    "食用菌 > 木耳": (
        "山区昼夜温差大，木耳肉厚、朵形完整，泡发率高。",
        "常温干燥保存，避免受潮。",
    ),
    "食用菌 > 野生菌": (
        "林下自然生长，人工采摘后低温烘干。",
        "密封避光保存，食用前充分泡发、煮熟。",
    ),
    "茶叶 > 绿茶": (
        "高山云雾茶园手工采摘一芽一叶，汤色嫩绿、栗香持久。",
        "密封、避光、冷藏保存。",
    ),
    "茶叶 > 红茶": (
        "夏秋茶全发酵工艺制成，汤色红亮，口感甜润。",
        "密封避光，常温保存。",
    ),
    "蜂产品 > 蜂蜜": (
        "山区定点养殖中华蜜蜂，自然成熟后摇取，不添加任何成分。",
        "常温保存，低温下结晶属正常现象。",
    ),
    "粮油 > 大米": (
        "厉山镇稻田一季稻，现碾现发，米粒饱满、饭香软糯。",
        "阴凉干燥处存放，开袋后密封防虫。",
    ),
    "禽蛋 > 鸡蛋": (
        "林下散养土鸡，每日拣蛋，按重量分级装箱。",
        "冷藏保存，30 天内食用。",
    ),
    "粮油 > 油茶籽油": (
        "大洪山油茶籽压榨，物理过滤，色泽清亮、烟点高。",
        "避光、阴凉处保存，开封后三个月内用完。",
    ),
    "干果坚果 > 板栗": (
        "老栗园果实，个大饱满，口感粉糯香甜。",
        "鲜果冷藏，熟制品开袋即食。",
    ),
    "干果坚果 > 银杏": (
        "百年银杏树结果，颗粒饱满，色泽洁白。",
        "冷藏保存，不宜生食，每日适量。",
    ),
    "特色加工 > 葛粉": (
        "山区葛根洗净、粉碎、沉淀、晾晒，古法制成。",
        "密封干燥保存，开水冲调即可。",
    ),
    "特色加工 > 蜜枣": (
        "青枣去核后熬制、烘干，甜而不腻，是随县传统年货。",
        "密封常温保存。",
    ),
    "时令蔬菜 > 泡泡青": (
        "随州冬季特有叶菜，经霜后叶片起泡、口感软糯回甜。",
        "冷藏保存，收到后尽快食用。",
    ),
}

#: UPC -> (what the product is, how to keep it), for products unlike the rest of their category:
#: fresh, chilled goods and processed foods must not be described as dried goods.
PRODUCT_DESCRIPTIONS = {
    "WF0104": (
        "鲜香菇切片后低温真空油浴脱水，保留菌香，酥脆即食。",
        "密封常温保存，开袋后尽快食用，防潮。",
    ),
    "WF0105": (
        "香菇丁与黄牛肉粒、菜籽油慢火熬制，拌饭拌面皆宜。",
        "常温避光保存，开瓶后冷藏，一周内食用完。",
    ),
    "WF0106": (
        "当天采摘的鲜菇，菌盖圆整、菌肉厚实，全程冷链直发，口感鲜嫩。",
        "0—4℃冷藏保存，收到后 7 天内食用，勿冷冻。",
    ),
    "WF0601": (
        "当季采收的新鲜板栗，个大饱满，煮、炒、炖皆宜。",
        "冷藏保存，30 天内食用。",
    ),
    "WF0602": (
        "精选板栗去壳蒸熟，真空包装，口感粉糯香甜。",
        "常温保存，开袋即食。",
    ),
    "WF0603": (
        "板栗去壳切片后低温烘干，久存不坏，煲汤煮粥前浸泡即可。",
        "阴凉干燥处密封保存。",
    ),
    "WF0604": (
        "板栗烘干后研磨成粉，可做糕点、冲调。",
        "密封干燥保存，开封后尽快食用。",
    ),
    "WF0703": (
        "葛根粉与小麦粉揉制晾干，煮后爽滑筋道。",
        "阴凉干燥处存放，开袋后密封防潮。",
    ),
    "WF0704": (
        "葛根切片烘焙制成，开水冲泡即可饮用。",
        "密封避光，常温干燥保存。",
    ),
    "WF0803": (
        "经霜泡泡青洗净晾晒后加盐腌制，酸香脆嫩，下饭佳品。",
        "阴凉处保存，开封后冷藏并尽快食用。",
    ),
    "WF0902": (
        "秋季银杏叶采摘后杀青烘干，开水冲泡饮用。",
        "密封避光，常温干燥保存。",
    ),
}

#: cooperative code -> [(UPC, title, leaf breadcrumb, price, stock)]
PRODUCTS = {
    "sanligang-xingnong": [
        ("WF0101", "随州花菇 500g", "食用菌 > 香菇", "88.00", 200),
        ("WF0102", "三里岗香菇干货 250g", "食用菌 > 香菇", "39.80", 500),
        ("WF0103", "三里岗厚肉香菇礼盒 1kg", "食用菌 > 香菇", "128.00", 120),
        ("WF0104", "香菇脆片 100g", "食用菌 > 香菇", "19.90", 300),
        ("WF0105", "香菇牛肉酱 210g×2瓶", "食用菌 > 香菇", "36.00", 260),
        ("WF0106", "鲜香菇 2.5kg 产地直发", "食用菌 > 香菇", "45.00", 80),
        ("WF0107", "大洪山野生榛蘑 200g", "食用菌 > 野生菌", "58.00", 90),
    ],
    "yindian-lvyuan": [
        ("WF0201", "随县黑木耳 250g", "食用菌 > 木耳", "42.00", 400),
        ("WF0202", "秋木耳 500g", "食用菌 > 木耳", "78.00", 150),
        ("WF0203", "小碗耳 200g", "食用菌 > 木耳", "38.00", 220),
        ("WF0204", "黑木耳香菇组合礼盒", "食用菌 > 木耳", "98.00", 100),
        ("WF0205", "野生松乳菇干 150g", "食用菌 > 野生菌", "66.00", 60),
    ],
    "changgang-yunwu": [
        ("WF0301", "随县高山云雾茶 250g", "茶叶 > 绿茶", "128.00", 150),
        ("WF0302", "明前毛尖 100g", "茶叶 > 绿茶", "98.00", 80),
        ("WF0303", "长岗炒青绿茶 500g", "茶叶 > 绿茶", "86.00", 200),
        ("WF0304", "随县工夫红茶 200g", "茶叶 > 红茶", "88.00", 120),
        ("WF0305", "红茶袋泡茶 2g×30袋", "茶叶 > 红茶", "29.90", 300),
    ],
    "hongshan-baihua": [
        ("WF0401", "高山土蜂蜜 500g", "蜂产品 > 蜂蜜", "68.00", 300),
        ("WF0402", "洋槐蜂蜜 500g", "蜂产品 > 蜂蜜", "58.00", 260),
        ("WF0403", "百花蜜 1kg", "蜂产品 > 蜂蜜", "98.00", 180),
        ("WF0404", "大洪山土蜂巢蜜 400g", "蜂产品 > 蜂蜜", "118.00", 60),
        ("WF0405", "枣花蜜 500g", "蜂产品 > 蜂蜜", "62.00", 140),
        ("WF0406", "林下散养土鸡蛋 30枚", "禽蛋 > 鸡蛋", "45.00", 300),
    ],
    "hongshan-youcha": [
        ("WF0501", "洪山油茶籽油 5L", "粮油 > 油茶籽油", "498.00", 50),
        ("WF0502", "洪山油茶籽油 500ml", "粮油 > 油茶籽油", "78.00", 240),
        ("WF0503", "冷榨山茶油礼盒 1L×2", "粮油 > 油茶籽油", "268.00", 70),
        ("WF0504", "油茶籽油 2.5L", "粮油 > 油茶籽油", "258.00", 90),
    ],
    "wanhe-fengshou": [
        ("WF0601", "万和鲜板栗 2.5kg", "干果坚果 > 板栗", "59.90", 160),
        ("WF0602", "即食甘栗仁 100g×10袋", "干果坚果 > 板栗", "49.90", 300),
        ("WF0603", "板栗干 500g", "干果坚果 > 板栗", "35.00", 200),
        ("WF0604", "板栗粉 400g", "干果坚果 > 板栗", "32.00", 150),
    ],
    "caodian-gexiang": [
        ("WF0701", "野生葛根粉 1kg", "特色加工 > 葛粉", "89.00", 180),
        ("WF0702", "葛根粉罐装 500g", "特色加工 > 葛粉", "52.00", 220),
        ("WF0703", "葛根面条 1kg", "特色加工 > 葛粉", "29.90", 260),
        ("WF0704", "葛根茶 150g", "特色加工 > 葛粉", "32.00", 150),
    ],
    "lishan-shennong": [
        ("WF0801", "随州泡泡青 2.5kg", "时令蔬菜 > 泡泡青", "39.90", 120),
        ("WF0802", "泡泡青 5kg 食堂装", "时令蔬菜 > 泡泡青", "69.90", 80),
        ("WF0803", "腌泡泡青 500g", "时令蔬菜 > 泡泡青", "18.80", 200),
        ("WF0804", "厉山富硒大米 10kg 食堂装", "粮油 > 大米", "79.00", 400),
    ],
    "xiaolin-jinguo": [
        ("WF0901", "小林银杏果 500g", "干果坚果 > 银杏", "45.00", 160),
        ("WF0902", "银杏叶茶 100g", "干果坚果 > 银杏", "39.00", 120),
        ("WF0903", "白果仁真空装 250g", "干果坚果 > 银杏", "36.00", 140),
        ("WF0904", "随县金丝蜜枣 500g", "特色加工 > 蜜枣", "28.80", 300),
        ("WF0905", "蜜枣礼盒 1kg", "特色加工 > 蜜枣", "58.00", 100),
    ],
}

PRODUCT_CLASS_SLUG = "nong-te-chan-pin"


def load_catalog():
    """Creates whatever part of the demo catalogue is missing and returns the cooperatives'
    partners by code. Products, their category links, stock records and images are inserted in
    bulk, so the query count does not grow with the number of products."""
    areas = _ensure_areas()
    partners = _ensure_cooperatives(areas)
    categories = {path: create_from_breadcrumbs(path) for path in CATEGORIES}
    product_class, _ = ProductClass.objects.get_or_create(
        slug=PRODUCT_CLASS_SLUG,
        defaults={"name": "农特产品", "requires_shipping": True, "track_stock": True},
    )
    products = _ensure_products(product_class, categories, partners, areas)
    _ensure_images(products)
    _ensure_provenance(products, areas)
    # Bulk writes skipped the signals that keep search text current, so refresh it here: all
    # demo products, so a database loaded before search text had pinyin and areas catches up.
    product_search_text_refresh(product_ids=[product.pk for product in products.values()])
    return partners


def _ensure_areas():
    existing = ResettlementArea.objects.in_bulk([row[0] for row in AREAS], field_name="slug")
    missing = [
        ResettlementArea(
            slug=slug,
            name=name,
            town=town,
            village=village,
            established_year=year,
            households=households,
            people=people,
            latitude=Decimal(lat),
            longitude=Decimal(lng),
            description=description,
        )
        for slug, name, town, village, year, households, people, lat, lng, description in AREAS
        if slug not in existing
    ]
    ResettlementArea.objects.bulk_create(missing)
    return ResettlementArea.objects.in_bulk([row[0] for row in AREAS], field_name="slug")


def _ensure_cooperatives(areas):
    partners = {}
    for coop in COOPERATIVES:
        partner, _ = Partner.objects.get_or_create(code=coop.code, defaults={"name": coop.name})
        partners[coop.code] = partner
        profile, created = CooperativeProfile.objects.get_or_create(
            partner=partner,
            defaults={
                "legal_name": coop.name,
                "credit_code": cooperative_credit_code(coop.organisation_code),
                "legal_representative": coop.representative,
                "contact_mobile": coop.mobile,
                "address": coop.address,
                "households_linked": coop.households,
                "people_employed": coop.employed,
                "benefit_mechanism": coop.mechanism,
            },
        )
        if created:
            profile.areas.set([areas[slug] for slug in coop.areas])
    return partners


def _description(upc, title, leaf, coop, area):
    what, keep = PRODUCT_DESCRIPTIONS.get(upc) or CATEGORIES[leaf]
    return description_clean(
        f"<p>{title}，产自随县{area.town}{area.village}，由{coop.name}组织{area.name}的搬迁群众生产。</p>"
        f"<p>{what}</p><p>{coop.mechanism}</p><p>储存方式：{keep}</p>"
    )


def _ensure_products(product_class, categories, partners, areas):
    """Creates missing products with their category link and stock record; returns all demo
    products by UPC."""
    rows = [(coop, *row) for coop in COOPERATIVES for row in PRODUCTS[coop.code]]
    upcs = [row[1] for row in rows]
    existing = set(Product.objects.filter(upc__in=upcs).values_list("upc", flat=True))
    new_rows = [row for row in rows if row[1] not in existing]
    Product.objects.bulk_create(
        Product(
            structure=Product.STANDALONE,
            product_class=product_class,
            upc=upc,
            title=title,
            slug=pinyin_slugify(title),
            description=_description(upc, title, leaf, coop, areas[coop.areas[0]]),
            is_public=True,
            approved_at=timezone.now(),
        )
        for coop, upc, title, leaf, _price, _stock in new_rows
    )
    products = Product.objects.filter(upc__in=upcs).in_bulk(field_name="upc")
    ProductCategory.objects.bulk_create(
        ProductCategory(product=products[upc], category=categories[leaf])
        for _coop, upc, _title, leaf, _price, _stock in new_rows
    )
    StockRecord.objects.bulk_create(
        StockRecord(
            product=products[upc],
            partner=partners[coop.code],
            partner_sku=upc,
            price_currency="CNY",
            price=Decimal(price),
            num_in_stock=stock,
            low_stock_threshold=10,
        )
        for coop, upc, _title, _leaf, price, stock in new_rows
    )
    return products


# --- Provenance, certifications and tier prices ------------------------------------------------

#: Leaf category -> (harvest season, shelf life in days)
SEASONS = {
    "食用菌 > 香菇": ("秋冬季（10月—次年3月）", 365),
    "食用菌 > 木耳": ("春秋两季", 730),
    "食用菌 > 野生菌": ("夏秋季（7—9月）", 365),
    "茶叶 > 绿茶": ("春季（清明前后）", 540),
    "茶叶 > 红茶": ("夏秋季", 730),
    "蜂产品 > 蜂蜜": ("春夏季（4—7月）", 730),
    "粮油 > 大米": ("9—10月收割", 365),
    "禽蛋 > 鸡蛋": ("全年", 30),
    "粮油 > 油茶籽油": ("霜降前后采摘", 540),
    "干果坚果 > 板栗": ("9—10月", 180),
    "干果坚果 > 银杏": ("9—10月", 180),
    "特色加工 > 葛粉": ("冬季采挖（11月—次年2月）", 540),
    "特色加工 > 蜜枣": ("8—9月", 365),
    "时令蔬菜 > 泡泡青": ("冬季（11月—次年2月）", 5),
}

#: UPC -> (storage, shelf life in days) for fresh products kept cold.
CHILLED = {
    "WF0106": 7,  # 鲜香菇
    "WF0601": 30,  # 鲜板栗
    "WF0801": 5,  # 泡泡青
    "WF0802": 5,
    "WF0406": 30,  # 土鸡蛋
    "WF0901": 90,  # 银杏果
}

#: UPC -> [(kind, number)]; numbers are illustrative demo data, not real certificates.
CERTIFICATIONS = {
    **{
        upc: [(CertificationKind.GEOGRAPHICAL_INDICATION, "AGI00845")]
        for upc in ("WF0101", "WF0102", "WF0103", "WF0106")  # 随州香菇
    },
    "WF0801": [
        (CertificationKind.GEOGRAPHICAL_INDICATION, "AGI02231"),
        (CertificationKind.COMPLIANCE_PLEDGE, "HG4213210801"),
    ],
    "WF0802": [
        (CertificationKind.GEOGRAPHICAL_INDICATION, "AGI02231"),
        (CertificationKind.COMPLIANCE_PLEDGE, "HG4213210802"),
    ],
    "WF0106": [
        (CertificationKind.GEOGRAPHICAL_INDICATION, "AGI00845"),
        (CertificationKind.COMPLIANCE_PLEDGE, "HG4213210106"),
    ],
    "WF0601": [(CertificationKind.COMPLIANCE_PLEDGE, "HG4213210601")],
    "WF0201": [(CertificationKind.GREEN_FOOD, "LB-15-2105421321A")],
    "WF0202": [(CertificationKind.GREEN_FOOD, "LB-15-2105421322A")],
    "WF0301": [
        (CertificationKind.GREEN_FOOD, "LB-44-2203421321A"),
        (CertificationKind.ORGANIC, "1270P2100123"),
    ],
    "WF0303": [(CertificationKind.GREEN_FOOD, "LB-44-2203421322A")],
    "WF0401": [(CertificationKind.ORGANIC, "1270P2200456")],
    "WF0501": [(CertificationKind.GREEN_FOOD, "LB-07-2301421321A")],
    "WF0502": [(CertificationKind.GREEN_FOOD, "LB-07-2301421321A")],
}

#: UPC -> [(minimum quantity, share of the retail price)]: institutional prices fall as
#: quantity rises.
TIERS = {
    upc: [(10, Decimal("0.90")), (50, Decimal("0.80"))]
    for upc in (
        "WF0102", "WF0106", "WF0201", "WF0303", "WF0401", "WF0406", "WF0501", "WF0502", "WF0601", "WF0703",
        "WF0802", "WF0804",
    )
}

NET = re.compile(r"(\d+(?:\.\d+)?)\s*(kg|g|ml|l)(?:\s*[×x]\s*(\d+))?", re.IGNORECASE)
NET_UNITS = {"g": NetUnit.GRAM, "kg": NetUnit.KILOGRAM, "ml": NetUnit.MILLILITRE, "l": NetUnit.LITRE}


def net_content_from_title(title):
    """``"香菇牛肉酱 210g×2瓶"`` → ``(Decimal("420"), "g")``; ``(None, "")`` without a quantity."""
    match = NET.search(title)
    if not match:
        return None, ""
    amount = Decimal(match.group(1)) * int(match.group(3) or 1)
    return amount, NET_UNITS[match.group(2).lower()]


def _ensure_provenance(products, areas):
    """Fills origin area, season, shelf life, storage and net content of demo products that
    have no origin area yet (so an operator's later edits stay), and adds missing
    certifications and tier prices."""
    rows = {
        upc: (coop, title, leaf) for coop in COOPERATIVES for upc, title, leaf, _p, _s in PRODUCTS[coop.code]
    }
    bare = [product for product in products.values() if product.origin_area_id is None]
    for product in bare:
        coop, title, leaf = rows[product.upc]
        season, shelf_life = SEASONS[leaf]
        product.origin_area = areas[coop.areas[0]]
        product.harvest_season = season
        product.shelf_life_days = CHILLED.get(product.upc, shelf_life)
        product.storage = Storage.CHILLED if product.upc in CHILLED else Storage.AMBIENT
        product.net_content, product.net_unit = net_content_from_title(title)
    fields = ["origin_area", "harvest_season", "shelf_life_days", "storage", "net_content", "net_unit"]
    Product.objects.bulk_update(bare, fields)
    ProductCertification.objects.bulk_create(
        [
            ProductCertification(product=products[upc], kind=kind, number=number)
            for upc, certificates in CERTIFICATIONS.items()
            for kind, number in certificates
        ],
        ignore_conflicts=True,
    )
    records = StockRecord.objects.filter(product__upc__in=TIERS, partner_sku__in=TIERS)
    TierPrice.objects.bulk_create(
        [
            TierPrice(
                stockrecord=record,
                min_quantity=quantity,
                price=(record.price * share).quantize(Decimal("0.01")),
            )
            for record in records
            for quantity, share in TIERS[record.partner_sku]
        ],
        ignore_conflicts=True,
    )


# --- Product images ----------------------------------------------------------------------------

#: Leaf category -> (background, foreground, shape), so pictures of different kinds differ.
IMAGE_STYLES = {
    "食用菌 > 香菇": ((245, 235, 215), (139, 90, 43), "mushroom"),
    "食用菌 > 木耳": ((235, 235, 230), (45, 35, 35), "ear"),
    "食用菌 > 野生菌": ((238, 232, 210), (176, 120, 60), "mushroom"),
    "茶叶 > 绿茶": ((225, 242, 220), (46, 125, 50), "leaf"),
    "茶叶 > 红茶": ((245, 228, 220), (140, 50, 30), "leaf"),
    "蜂产品 > 蜂蜜": ((255, 243, 205), (230, 160, 20), "jar"),
    "粮油 > 油茶籽油": ((250, 246, 225), (190, 150, 30), "bottle"),
    "粮油 > 大米": ((248, 246, 238), (200, 180, 120), "bowl"),
    "禽蛋 > 鸡蛋": ((250, 240, 225), (205, 150, 90), "nut"),
    "干果坚果 > 板栗": ((240, 228, 210), (120, 70, 30), "nut"),
    "干果坚果 > 银杏": ((250, 248, 220), (220, 180, 40), "fan"),
    "特色加工 > 葛粉": ((245, 238, 235), (150, 110, 90), "bowl"),
    "特色加工 > 蜜枣": ((250, 235, 230), (170, 40, 40), "dates"),
    "时令蔬菜 > 泡泡青": ((232, 245, 228), (60, 150, 60), "greens"),
}


def _draw_shape(draw, shape, color, rng):
    """Draws a simple silhouette of the kind of product; ``rng`` varies size and position."""
    dx, dy, s = rng.randint(-40, 40), rng.randint(-30, 30), rng.uniform(0.8, 1.1)

    def pt(x, y):
        return (300 + dx + (x - 300) * s, 300 + dy + (y - 300) * s)

    def box(x0, y0, x1, y1):
        return [*pt(x0, y0), *pt(x1, y1)]

    if shape == "mushroom":
        draw.rectangle(box(260, 300, 340, 460), fill=(235, 220, 190))
        draw.pieslice(box(140, 160, 460, 440), 180, 360, fill=color)
    elif shape == "leaf":
        draw.ellipse(box(180, 140, 420, 460), fill=color)
        draw.line(box(300, 150, 300, 460), fill=(200, 230, 190), width=6)
    elif shape == "jar":
        draw.rounded_rectangle(box(190, 220, 410, 470), radius=30, fill=color)
        draw.rectangle(box(210, 170, 390, 220), fill=(120, 80, 40))
    elif shape == "bottle":
        draw.rounded_rectangle(box(220, 230, 380, 480), radius=24, fill=color)
        draw.rectangle(box(270, 140, 330, 230), fill=color)
        draw.rectangle(box(260, 120, 340, 150), fill=(180, 40, 40))
    elif shape == "nut":
        draw.ellipse(box(180, 220, 420, 450), fill=color)
        draw.polygon([pt(300, 130), pt(190, 300), pt(410, 300)], fill=color)
    elif shape == "ear":
        for x, y in ((240, 250), (360, 270), (300, 360)):
            draw.ellipse(box(x - 90, y - 70, x + 90, y + 70), fill=color, outline=(90, 70, 70), width=5)
    elif shape == "fan":
        draw.pieslice(box(150, 150, 450, 450), 200, 340, fill=color)
        draw.line(box(300, 300, 300, 470), fill=(120, 100, 40), width=8)
    elif shape == "dates":
        for x, y in ((220, 250), (380, 250), (300, 370)):
            draw.ellipse(box(x - 70, y - 100, x + 70, y + 100), fill=color)
    elif shape == "bowl":
        draw.ellipse(box(200, 200, 400, 330), fill=(250, 250, 245))
        draw.chord(box(160, 180, 440, 450), 0, 180, fill=color)
    else:  # greens
        for x, y in ((230, 260), (370, 260), (300, 200), (300, 330)):
            draw.ellipse(box(x - 90, y - 80, x + 90, y + 80), fill=color, outline=(40, 110, 40), width=4)
    for _ in range(rng.randint(3, 7)):  # a few dots so siblings are told apart at a glance
        x, y, r = rng.randint(40, 560), rng.randint(40, 560), rng.randint(6, 16)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=color)


def product_image_bytes(seed, leaf):
    """A 600×600 JPEG of the leaf category's silhouette, varied by ``seed`` (e.g. the UPC)."""
    background, color, shape = IMAGE_STYLES[leaf]
    rng = random.Random(seed)
    tint = rng.randint(-12, 12)
    image = Image.new("RGB", (600, 600), tuple(max(0, min(255, c + tint)) for c in background))
    _draw_shape(ImageDraw.Draw(image), shape, color, rng)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def _ensure_images(products):
    """Gives every demo product without an image one generated picture."""
    leaves = {upc: leaf for rows in PRODUCTS.values() for upc, _t, leaf, _p, _s in rows}
    bare = Product.objects.filter(pk__in=[p.pk for p in products.values()], images__isnull=True)
    images = []
    for product in bare.only("pk", "upc", "title", "slug"):
        image = ProductImage(product=product, caption=product.title, display_order=0)
        image.original.save(
            f"{product.upc.lower()}-{product.slug}.jpg",
            ContentFile(product_image_bytes(product.upc, leaves[product.upc])),
            save=False,
        )
        images.append(image)
    ProductImage.objects.bulk_create(images)
