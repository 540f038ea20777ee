"""Demo routes and attractions of 乡村旅游 for ``manage.py load_demo``.

Places are real places of Sui County; opening hours, prices and coordinates are illustrative
(the pages say so), not the attractions' published figures. Each page is looked up by its slug
under the section and only created when missing; the stops link the demo's resettlement areas
(``catalog.demo.AREAS``), whose products then show under 沿线好物.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from tyme4py.lunar import LunarDay

from catalog.models import ResettlementArea
from cms.demo_pages import demo_page

from .constants import Audience, Facility, RouteDays, Season, TicketKind
from .hours import BEIJING
from .models import (
    AttractionPage,
    OpeningException,
    OpeningHours,
    RoutePage,
    RouteStop,
    TicketPrice,
)

EVERY_DAY = range(7)
TUESDAY_TO_SUNDAY = range(1, 7)
MONDAY_TO_SATURDAY = range(6)
ILLUSTRATIVE = "演示数据：开放时间和票价以景区公布为准。"


def _t(text):
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


#: slug -> page fields, area slug, weekly hours (weekdays, [(opens, closes)]), tickets, and
#: whether 除夕 is closed.
ATTRACTIONS = {
    "yandi-guli-jingqu": {
        "title": "炎帝故里景区",
        "summary": "炎帝神农的传统出生地，拜谒神农大殿，听尝百草、教稼穑的故事。",
        "town": "厉山镇",
        "address": "随县厉山镇烈山村",
        "latitude": "31.793000",
        "longitude": "113.226000",
        "area": "lishan-shennong",
        "best_seasons": [Season.SPRING, Season.AUTUMN],
        "audiences": [Audience.FAMILY, Audience.STUDY],
        "facilities": [
            Facility.PARKING,
            Facility.TOILET,
            Facility.DINING,
            Facility.ACCESSIBLE,
            Facility.GUIDE,
        ],
        "hours": (EVERY_DAY, [("8:00", "17:30")]),
        "tickets": [(TicketKind.ADULT, "60"), (TicketKind.STUDENT, "30"), (TicketKind.SENIOR, "30")],
        "closed_on_new_years_eve": True,
        "text": "景区依山而建，神农大殿、神农洞、炎帝神农纪念馆沿中轴线排开。每年寻根节前后游客最多，"
        "平日前来可以从容参观，紧邻的神农安置小区有农家乐可以就餐。",
    },
    "dahongshan-fengjingqu": {
        "title": "大洪山风景区",
        "summary": "随县南部的名山，山势雄浑、林木茂密，登山、访古寺、探溶洞。",
        "town": "大洪山风景区",
        "address": "随县大洪山风景区",
        "latitude": "31.400000",
        "longitude": "113.030000",
        "area": "hongshan-xichong",
        "best_seasons": [Season.SPRING, Season.SUMMER, Season.AUTUMN],
        "audiences": [Audience.WELLNESS, Audience.HIKING, Audience.PHOTOGRAPHY],
        "facilities": [Facility.PARKING, Facility.TOILET, Facility.DINING, Facility.LODGING],
        "hours": (EVERY_DAY, [("7:30", "17:30")]),
        "tickets": [(TicketKind.ADULT, "80"), (TicketKind.STUDENT, "40"), (TicketKind.SENIOR, "40")],
        "closed_on_new_years_eve": False,
        "text": "大洪山林木茂密，夏季山上比县城凉爽许多，适合徒步和避暑。"
        "山脚的洪山镇安置小区开有民宿和农家餐馆，可以在山下住一晚，第二天再去油茶林和土蜂场。",
    },
    "sanligang-xianggu-zhanshiguan": {
        "title": "三里岗香菇小镇展示馆",
        "summary": "从菌种到花菇：看香菇怎样长出来，逛远近闻名的香菇集镇。",
        "town": "三里岗镇",
        "address": "随县三里岗镇吉祥寺村香菇产业园",
        "latitude": "31.508000",
        "longitude": "113.190000",
        "area": "sanligang-jixiangsi",
        "best_seasons": [Season.AUTUMN, Season.WINTER, Season.SPRING],
        "audiences": [Audience.STUDY, Audience.FAMILY],
        "facilities": [Facility.PARKING, Facility.TOILET, Facility.GUIDE, Facility.SHOP],
        "hours": (TUESDAY_TO_SUNDAY, [("9:00", "12:00"), ("13:30", "17:00")]),
        "tickets": [],
        "free": True,
        "closed_on_new_years_eve": True,
        "text": "展示馆用实物和图片讲香菇的种植历史和菌棒生产工艺，研学团队可以预约讲解。"
        "周一闭馆，中午休息一个半小时。",
    },
    "huaiheyuan-shengtai-jingqu": {
        "title": "淮河源生态景区",
        "summary": "桐柏山南麓的淮河源头，溪谷、竹林和山间步道。",
        "town": "淮河镇",
        "address": "随县淮河镇",
        "latitude": "32.220000",
        "longitude": "113.370000",
        "area": "yindian-dongyue",
        "best_seasons": [Season.SUMMER, Season.AUTUMN],
        "audiences": [Audience.HIKING, Audience.PHOTOGRAPHY, Audience.FAMILY],
        "facilities": [Facility.PARKING, Facility.TOILET, Facility.DINING],
        "hours": (EVERY_DAY, [("8:00", "17:00")]),
        "tickets": [(TicketKind.ADULT, "40"), (TicketKind.CHILD, "20")],
        "closed_on_new_years_eve": True,
        "text": "沿溪谷步道上行，一路是竹林和山泉，夏天溪水清凉。"
        "返程可以去殷店镇东岳安置点看黑木耳袋料栽培。",
    },
    "changgang-gaoshan-chayuan": {
        "title": "长岗高山茶园",
        "summary": "云雾缭绕的高山茶园，春天上山采茶、进车间学炒茶。",
        "town": "长岗镇",
        "address": "随县长岗镇茶场村",
        "latitude": "31.520000",
        "longitude": "113.042000",
        "area": "changgang-chayuan",
        "best_seasons": [Season.SPRING],
        "audiences": [Audience.FAMILY, Audience.STUDY, Audience.PHOTOGRAPHY],
        "facilities": [Facility.PARKING, Facility.TOILET, Facility.SHOP],
        "hours": (EVERY_DAY, [("8:00", "18:00")]),
        "tickets": [],
        "free": True,
        "closed_on_new_years_eve": False,
        "text": "茶园环绕长岗镇茶园安置点，采茶季搬迁群众在这里采茶、制茶。"
        "云雾茶叶合作社的制茶车间可以参观，在茶农指导下体验手工炒茶。",
    },
    "hongshan-youcha-jidi": {
        "title": "洪山油茶林下经济基地",
        "summary": "油茶林里养土鸡、放蜂，秋末看油茶花开、闻榨油香。",
        "town": "洪山镇",
        "address": "随县洪山镇西冲村",
        "latitude": "31.448000",
        "longitude": "113.105000",
        "area": "hongshan-xichong",
        "best_seasons": [Season.AUTUMN, Season.WINTER],
        "audiences": [Audience.STUDY, Audience.WELLNESS],
        "facilities": [Facility.PARKING, Facility.TOILET],
        "hours": (MONDAY_TO_SATURDAY, [("8:30", "17:00")]),
        "tickets": [],
        "free": True,
        "closed_on_new_years_eve": True,
        "text": "基地由洪山镇油茶合作社经营，林下散养土鸡、放养土蜂。"
        "十月底到十二月是油茶花期，榨油坊开工时可以看冷榨山茶油的工序。周日不开放。",
    },
}

#: slug -> route fields and its stops: (name, text, latitude, longitude, minutes, attraction slug, area slug).
ROUTES = {
    "yandi-guli-xungen": {
        "title": "炎帝故里寻根之旅",
        "summary": "拜谒炎帝神农，品泡泡青农家宴，下地采摘。",
        "days": RouteDays.ONE_DAY,
        "best_seasons": [Season.SPRING, Season.AUTUMN],
        "audiences": [Audience.FAMILY, Audience.STUDY],
        "featured": True,
        "transport_tips": "<p>随州城区自驾约 20 分钟到厉山镇；景区有停车场。</p>",
        "food_tips": "<p>泡泡青、土鸡汤、厉山富硒米饭，安置小区旁的农家乐都能吃到。</p>",
        "lodging_tips": "<p>一日游不必住宿；想看寻根节的清晨祭祀，可住随州城区。</p>",
        "stops": [
            (
                "炎帝故里景区",
                "上午参观炎帝故里景区，了解神农尝百草、教民稼穑的传说。",
                "31.793000",
                "113.226000",
                150,
                "yandi-guli-jingqu",
                None,
            ),
            (
                "神农安置小区农家乐",
                "午餐在神农安置小区旁的农家乐品尝泡泡青和土鸡汤。",
                "31.796000",
                "113.215000",
                90,
                None,
                "lishan-shennong",
            ),
            (
                "泡泡青种植基地",
                "下午走进泡泡青种植基地体验采摘，合作社可代为打包寄送回家。",
                "31.801000",
                "113.207000",
                60,
                None,
                "lishan-shennong",
            ),
        ],
    },
    "dahongshan-kangyang": {
        "title": "大洪山康养两日游",
        "summary": "登大洪山、访古寺、探溶洞，住安置区民宿，逛油茶林和土蜂场。",
        "days": RouteDays.TWO_DAYS,
        "best_seasons": [Season.SPRING, Season.SUMMER, Season.AUTUMN],
        "audiences": [Audience.WELLNESS, Audience.HIKING, Audience.PHOTOGRAPHY],
        "featured": True,
        "transport_tips": "<p>自驾经三里岗、洪山镇上山；山路弯多，雨雾天请慢行。</p>",
        "food_tips": "<p>洪山镇的农家餐馆做土鸡、野菜和山茶油炒菜；土蜂蜜可以在蜂场直接买。</p>",
        "lodging_tips": "<p>第一晚住洪山镇大洪山安置小区的民宿，搬迁群众经营，干净实惠。</p>",
        "stops": [
            (
                "大洪山风景区",
                "大洪山位于随县南部，山势雄浑、林木茂密，适合徒步和观景。第一天登山、访古寺。",
                "31.400000",
                "113.030000",
                300,
                "dahongshan-fengjingqu",
                None,
            ),
            (
                "大洪山安置小区民宿",
                "洪山镇安置小区的搬迁群众开办了民宿和农家餐馆，晚上住在山脚。",
                "31.442000",
                "113.098000",
                None,
                None,
                "hongshan-xichong",
            ),
            (
                "油茶林下经济基地",
                "第二天上午去油茶林，看林下散养的土鸡和榨油坊。",
                "31.448000",
                "113.105000",
                90,
                "hongshan-youcha-jidi",
                None,
            ),
            (
                "百花土蜂场",
                "土蜂场可预约参观，看割蜜、尝巢蜜。",
                "31.437000",
                "113.091000",
                60,
                None,
                "hongshan-xichong",
            ),
            (
                "长岗高山茶园",
                "返程经长岗镇，上茶山喝一杯高山云雾茶。",
                "31.520000",
                "113.042000",
                90,
                "changgang-gaoshan-chayuan",
                None,
            ),
        ],
    },
    "sanligang-xianggu-yanxue": {
        "title": "三里岗香菇小镇研学线",
        "summary": "看菌棒怎样做、香菇怎样长，逛香菇市场，适合中小学生研学。",
        "days": RouteDays.ONE_DAY,
        "best_seasons": [Season.AUTUMN, Season.WINTER, Season.SPRING],
        "audiences": [Audience.STUDY, Audience.FAMILY],
        "featured": False,
        "transport_tips": "<p>随州城区自驾约 1 小时；研学团队包车可直达香菇产业园。</p>",
        "food_tips": "<p>午餐吃香菇宴：香菇炖鸡、香菇酱拌面。</p>",
        "lodging_tips": "",
        "stops": [
            (
                "三里岗香菇小镇展示馆",
                "先在展示馆了解香菇的种植历史和菌棒生产工艺。",
                "31.508000",
                "113.190000",
                90,
                "sanligang-xianggu-zhanshiguan",
                None,
            ),
            (
                "安置区香菇大棚",
                "三里岗是远近闻名的香菇集镇，香菇大棚就建在安置区旁边。",
                "31.503000",
                "113.184000",
                90,
                None,
                "sanligang-jixiangsi",
            ),
            (
                "菌棒生产与分拣车间",
                "参观菌棒生产和香菇分拣，搬迁群众在这里就近务工。",
                "31.506000",
                "113.192000",
                60,
                None,
                "sanligang-jixiangsi",
            ),
            (
                "三里岗香菇市场",
                "在市场上直接向合作社购买当季花菇。",
                "31.511000",
                "113.195000",
                60,
                None,
                "sanligang-jixiangsi",
            ),
        ],
    },
    "huaiheyuan-shengtai": {
        "title": "淮河源生态游",
        "summary": "桐柏山南麓寻淮河源头，溪谷竹林徒步，返程看黑木耳基地。",
        "days": RouteDays.ONE_DAY,
        "best_seasons": [Season.SUMMER, Season.AUTUMN],
        "audiences": [Audience.HIKING, Audience.PHOTOGRAPHY, Audience.FAMILY],
        "featured": False,
        "transport_tips": "<p>随州城区向北自驾约 1.5 小时；山区信号弱，出发前下载好离线地图。</p>",
        "food_tips": "<p>淮河镇农家做山野菜和土鸡；殷店镇可以买到当季的黑木耳。</p>",
        "lodging_tips": "",
        "stops": [
            (
                "淮河源生态景区",
                "沿溪谷步道上行，一路竹林和山泉，到淮河源头。",
                "32.220000",
                "113.370000",
                180,
                "huaiheyuan-shengtai-jingqu",
                None,
            ),
            ("淮河镇农家午餐", "在镇上的农家乐吃山野菜。", "32.210000", "113.358000", 60, None, None),
            (
                "东岳安置点黑木耳基地",
                "返程经殷店镇东岳安置点，看黑木耳袋料栽培和晾晒。",
                "32.051000",
                "113.412000",
                60,
                None,
                "yindian-dongyue",
            ),
        ],
    },
}


def load_tourism(sections):
    """Creates the missing demo attractions and routes under the 乡村旅游 section."""
    index = sections["xiangcun-lvyou"]
    areas = ResettlementArea.objects.in_bulk(field_name="slug")
    new_years_eve = _next_new_years_eve(timezone.now().astimezone(BEIJING).date())
    attractions = {
        slug: demo_page(index, AttractionPage, slug, **_attraction_fields(data, areas, new_years_eve))
        for slug, data in ATTRACTIONS.items()
    }
    for slug, data in ROUTES.items():
        demo_page(index, RoutePage, slug, **_route_fields(data, areas, attractions))


def _attraction_fields(data, areas, new_years_eve):
    weekdays, intervals = data["hours"]
    exceptions = [
        OpeningException(
            date=new_years_eve + dt.timedelta(days=1 + offset),
            closed=False,
            opens=_t("9:00"),
            closes=_t("16:00"),
            note="春节期间调整开放时间",
        )
        for offset in range(3)
    ]
    if data["closed_on_new_years_eve"]:
        exceptions.insert(0, OpeningException(date=new_years_eve, closed=True, note="除夕闭园"))
    return {
        "title": data["title"],
        "summary": data["summary"],
        "town": data["town"],
        "address": data["address"],
        "latitude": Decimal(data["latitude"]),
        "longitude": Decimal(data["longitude"]),
        "area": areas.get(data["area"]),
        "best_seasons": list(data["best_seasons"]),
        "audiences": list(data["audiences"]),
        "facilities": list(data["facilities"]),
        "ticket_free": data.get("free", False),
        "ticket_note": ILLUSTRATIVE,
        "hours_note": "节假日以景区当日公告为准。",
        "body": [{"type": "paragraph", "value": f"<p>{data['text']}</p>"}],
        "opening_hours": [
            OpeningHours(weekday=day, opens=_t(opens), closes=_t(closes))
            for day in weekdays
            for opens, closes in intervals
        ],
        "opening_exceptions": exceptions,
        "ticket_prices": [TicketPrice(kind=kind, price=Decimal(price)) for kind, price in data["tickets"]],
    }


def _route_fields(data, areas, attractions):
    return {
        **{key: value for key, value in data.items() if key != "stops"},
        "best_seasons": list(data["best_seasons"]),
        "audiences": list(data["audiences"]),
        "stops": [
            RouteStop(
                name=name,
                text=text,
                latitude=Decimal(latitude),
                longitude=Decimal(longitude),
                stay_minutes=minutes,
                attraction=attractions.get(attraction),
                area=areas.get(area),
            )
            for name, text, latitude, longitude, minutes, attraction, area in data["stops"]
        ],
    }


def _next_new_years_eve(today):
    """除夕 (the day before 正月初一) on or after ``today``, from the lunar calendar."""
    eve = _new_years_eve(today.year)
    return eve if eve >= today else _new_years_eve(today.year + 1)


def _new_years_eve(year):
    # 正月初一 of lunar year ``year`` falls in January or February of the same Gregorian year.
    solar = LunarDay.from_ymd(year, 1, 1).get_solar_day()
    return dt.date(solar.get_year(), solar.get_month(), solar.get_day()) - dt.timedelta(days=1)
