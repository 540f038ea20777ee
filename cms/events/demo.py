"""Demo festivals for ``manage.py load_demo``: six 农事节庆 of Sui County, held at the demo's
attractions (when the tourism demo has made them) or resettlement areas, each featuring demo
products. One is fixed to the lunar calendar, one recurs by an RRULE, the others have explicit
dates; dates are placed around the day of loading, so some are past and some upcoming.

Pages are looked up by slug and only created when missing.
"""

import datetime

from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import ResettlementArea
from cms.demo_pages import demo_page
from cms.tourism.models import AttractionPage

from .models import EventPage, EventPageDate, EventPageProduct

Product = get_model("catalogue", "Product")


def _paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _next(today, month, day):
    """The next ``month``/``day`` after ``today``."""
    this_year = datetime.date(today.year, month, day)
    return this_year if this_year > today else this_year.replace(year=today.year + 1)


def _last(today, month, day):
    """The last ``month``/``day`` before ``today``."""
    this_year = datetime.date(today.year, month, day)
    return this_year if this_year < today else this_year.replace(year=today.year - 1)


def _first_saturday_of_next_april(today):
    year = today.year if today < datetime.date(today.year, 4, 1) else today.year + 1
    april = datetime.date(year, 4, 1)
    return april + datetime.timedelta(days=(5 - april.weekday()) % 7)


def _venue(attraction_word, area_slug):
    """The demo attraction whose title has ``attraction_word``, or else the area ``area_slug``."""
    attraction = AttractionPage.objects.live().filter(title__contains=attraction_word).first()
    if attraction is not None:
        return {"venue_attraction": attraction}
    return {"venue_area": ResettlementArea.objects.get(slug=area_slug)}


def _products(*upcs):
    products = Product.objects.in_bulk(upcs, field_name="upc")
    return [EventPageProduct(product=products[upc]) for upc in upcs if upc in products]


def _festivals(today):
    tea_start = _first_saturday_of_next_april(today)
    mushroom_last, mushroom_next = _last(today, 10, 16), _next(today, 10, 16)
    oil_day, chestnut_day, greens_day = _last(today, 11, 8), _last(today, 9, 20), _next(today, 12, 19)
    return [
        (
            "yandi-guli-xungen-jie",
            {
                "title": "炎帝故里寻根节",
                "summary": "农历四月廿六，拜谒炎帝神农，赶安置区农特产品大集。",
                "organiser": "随县人民政府",
                **_venue("炎帝", "lishan-shennong"),
                "lunar_month": 4,
                "lunar_day": 26,
                "lunar_start_time": datetime.time(9, 0),
                "lunar_hours": 8,
                "body": _paragraphs(
                    "相传农历四月廿六是炎帝神农氏的诞辰，厉山镇每年在这一天举办寻根节，海内外炎黄子孙回乡拜祖。",
                    "寻根节期间举办农特产品大集，安置区合作社集中展示随县特产。",
                    "神农安置小区的泡泡青和富硒大米在大集上现场品尝、现场下单，合作社可代为寄送回家。",
                ),
                "products": _products("WF0801", "WF0804", "WF0803"),
            },
        ),
        (
            "sanligang-xianggu-jie",
            {
                "title": "三里岗香菇节",
                "summary": "香菇采摘、厨艺比赛、产销对接，一年一度的香菇小镇盛会。",
                "organiser": "三里岗镇人民政府",
                "venue_area": ResettlementArea.objects.get(slug="sanligang-jixiangsi"),
                "dates": [
                    EventPageDate(
                        start=_at(mushroom_last, 9), end=_at(mushroom_last + datetime.timedelta(days=2), 17)
                    ),
                    EventPageDate(
                        start=_at(mushroom_next, 9), end=_at(mushroom_next + datetime.timedelta(days=2), 17)
                    ),
                ],
                "body": _paragraphs(
                    "香菇节期间，各合作社在香菇市场设展位，搬迁群众现场直播销售。",
                    "机关食堂和企业工会可在现场与合作社签订长期供货协议。",
                    "游客可以走进安置区旁的香菇大棚，看菌棒生产和香菇分拣，亲手采摘当季花菇。",
                ),
                "products": _products("WF0101", "WF0102", "WF0103", "WF0105"),
                "registration_enabled": True,
                "registration_capacity": 300,
            },
        ),
        (
            "changgang-caicha-jie",
            {
                "title": "长岗高山采茶节",
                "summary": "四月的每个星期六，上茶山采茶、学炒茶，品一杯明前毛尖。",
                "organiser": "随县长岗镇云雾茶叶专业合作社",
                "venue_area": ResettlementArea.objects.get(slug="changgang-chayuan"),
                "recurrence_rule": f"FREQ=YEARLY;BYMONTH=4;BYDAY=SA;UNTIL={tea_start.year + 2}0430",
                "recurrence_start": _at(tea_start, 8, 30),
                "recurrence_hours": 7,
                "body": _paragraphs(
                    "云雾茶叶合作社开放茶园和制茶车间，游客可在茶农指导下体验手工炒茶。",
                    "采茶季优先雇用安置点劳动力，游客采下的鲜叶由合作社按当日收购价折算成成品茶带走。",
                ),
                "products": _products("WF0302", "WF0301", "WF0303"),
                "registration_enabled": True,
                "registration_capacity": 40,
            },
        ),
        (
            "dahongshan-youcha-fengshou-jie",
            {
                "title": "大洪山油茶丰收节",
                "summary": "霜降后摘油茶果，看古法压榨，尝头道山茶油。",
                "organiser": "洪山镇人民政府",
                **_venue("大洪山", "hongshan-xichong"),
                "dates": [EventPageDate(start=_at(oil_day, 9), end=_at(oil_day, 16))],
                "body": _paragraphs(
                    "大洪山油茶林下套种，搬迁户参与管护和采摘，丰收节当天开放油茶基地和压榨车间。",
                    "百花土蜂养殖合作社同场展示高山土蜂蜜，游客可预约参观蜂场。",
                ),
                "products": _products("WF0502", "WF0503", "WF0401"),
            },
        ),
        (
            "wanhe-banli-kaigan-jie",
            {
                "title": "万和板栗开杆节",
                "summary": "老栗园里打板栗，现炒糖炒栗子。",
                "organiser": "万和镇人民政府",
                "venue_area": ResettlementArea.objects.get(slug="wanhe-liyuan"),
                "dates": [EventPageDate(start=_at(chestnut_day, 8, 30), end=_at(chestnut_day, 16, 30))],
                "body": _paragraphs(
                    "板栗园就在梨园安置点后山，开杆节当天由老栗农示范打栗子，游客可以自采自带。",
                    "丰收板栗合作社现场收购，搬迁户以栗园托管入社，加工利润二次返还。",
                ),
                "products": _products("WF0601", "WF0602", "WF0603"),
            },
        ),
        (
            "lishan-paopaoqing-nianhuo-ji",
            {
                "title": "厉山泡泡青年货集",
                "summary": "经霜的泡泡青上市了：尝泡泡青火锅，备随县年货。",
                "organiser": "随县农业农村局",
                "venue_address": "随县厉山镇神农大道农特产品展销中心",
                "town": "厉山镇",
                "dates": [
                    EventPageDate(
                        start=_at(greens_day, 9), end=_at(greens_day + datetime.timedelta(days=1), 17)
                    )
                ],
                "body": _paragraphs(
                    "泡泡青是随州冬季特有的叶菜，经霜后叶片起泡、口感软糯回甜。",
                    "年货集上，神农泡泡青合作社、金果银杏蜜枣合作社和兴农香菇合作社一起摆摊，单位食堂可现场订购冬季供应。",
                ),
                "products": _products("WF0801", "WF0803", "WF0904", "WF0102"),
            },
        ),
    ]


def load_events(sections, *, today=None):
    """Creates the missing demo festivals under the 节庆活动 section; returns them by slug."""
    index = sections["jieqing-huodong"]
    today = today or timezone.localdate()
    return {slug: demo_page(index, EventPage, slug, **fields) for slug, fields in _festivals(today)}
