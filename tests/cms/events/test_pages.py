"""What a visitor sees of festivals: the index's upcoming and past tabs (at the boundary
minute), filters and pages; the month calendar; ICS files a calendar app reads; JSON-LD; the
festivals on product, area and home pages; query counts that do not grow with the events."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from catalog.models import ResettlementArea
from cms.events.models import EventOccurrence, EventPage, EventPageProduct
from cms.events.selectors import PAST, UPCOMING, event_list
from tests.factories import ProductFactory

from .conftest import beijing

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year + 1


def titles(response):
    return re.findall(r'class="wf-card__title"><a href="[^"]*">([^<]+)</a>', response.content.decode())


def test_an_event_is_upcoming_until_the_minute_it_ends_and_past_from_then(index, make_event):
    end = beijing(YEAR, 10, 18, 17, 0)
    page = make_event("三里岗香菇节", dates=[(beijing(YEAR, 10, 16, 9), end)], town="三里岗镇")
    one_minute = datetime.timedelta(minutes=1)
    assert list(event_list(index=index, when=UPCOMING, now=end - one_minute)) == [page]
    assert list(event_list(index=index, when=PAST, now=end - one_minute)) == []
    assert list(event_list(index=index, when=UPCOMING, now=end)) == []
    assert list(event_list(index=index, when=PAST, now=end)) == [page]


def test_the_tabs_list_upcoming_soonest_first_and_past_latest_first(client, index, make_event):
    today = timezone.localdate()
    make_event(
        "万和板栗开杆节", dates=[(beijing(today.year - 1, 9, 20, 8), beijing(today.year - 1, 9, 20, 16))]
    )
    make_event(
        "大洪山油茶丰收节", dates=[(beijing(today.year - 1, 11, 8, 9), beijing(today.year - 1, 11, 8, 16))]
    )
    make_event("三里岗香菇节", dates=[(beijing(YEAR, 10, 16, 9), beijing(YEAR, 10, 18, 17))])
    make_event("长岗高山采茶节", dates=[(beijing(YEAR, 4, 3, 8), beijing(YEAR, 4, 3, 15))])
    upcoming = client.get(index.url)
    assert titles(upcoming) == ["长岗高山采茶节", "三里岗香菇节"]
    assert titles(client.get(index.url + "?when=past")) == ["大洪山油茶丰收节", "万和板栗开杆节"]


def test_cards_show_the_events_date_and_lunar_date_never_the_publish_date(client, index, make_event):
    make_event(
        "炎帝故里寻根节",
        lunar_month=4,
        lunar_day=26,
        lunar_start_time=datetime.time(9),
        lunar_hours=8,
        venue_address="随县厉山镇",
        town="厉山镇",
    )
    page = client.get(index.url).content.decode()
    assert "农历四月廿六" in page
    published = timezone.localdate()
    assert f"{published.year}年{published.month}月{published.day}日" not in page.split("ev-list")[1]


def test_month_and_town_filters(client, index, make_event):
    make_event("长岗高山采茶节", dates=[(beijing(YEAR, 4, 3, 8), beijing(YEAR, 4, 3, 15))], town="长岗镇")
    make_event("三里岗香菇节", dates=[(beijing(YEAR, 10, 16, 9), beijing(YEAR, 10, 18, 17))], town="三里岗镇")
    assert titles(client.get(index.url, {"month": f"{YEAR}-10"})) == ["三里岗香菇节"]
    assert titles(client.get(index.url, {"town": "长岗镇"})) == ["长岗高山采茶节"]
    assert titles(client.get(index.url, {"month": f"{YEAR}-04", "town": "三里岗镇"})) == []


def test_a_filter_that_does_not_read_is_reported_and_ignored(client, index, make_event):
    make_event("三里岗香菇节", dates=[(beijing(YEAR, 10, 16, 9), beijing(YEAR, 10, 18, 17))], town="三里岗镇")
    response = client.get(index.url, {"month": "2027-13", "town": "火星"})
    page = response.content.decode()
    assert "月份请写成 2027-05 这样的格式" in page
    assert "没有在“火星”举办的活动" in page
    assert titles(response) == ["三里岗香菇节"]


def test_the_index_is_paginated(client, index, make_event):
    for day in range(1, 15):
        make_event(f"采茶体验日{day:02d}", dates=[(beijing(YEAR, 4, day, 8), beijing(YEAR, 4, day, 12))])
    first, second = client.get(index.url), client.get(index.url, {"page": 2})
    assert len(titles(first)) == 12 and titles(second) == ["采茶体验日13", "采茶体验日14"]
    assert "第 1 / 2 页" in first.content.decode()


def test_the_calendar_shows_the_event_on_its_days(client, index, make_event):
    make_event("三里岗香菇节", dates=[(beijing(YEAR, 10, 16, 9), beijing(YEAR, 10, 18, 17))])
    page = client.get(index.url + "calendar/", {"month": f"{YEAR}-10"}).content.decode()
    days = re.findall(r'datetime="(\d{4}-\d{2}-\d{2})">.*?</time>(.*?)</div>', page, re.S)
    with_event = [day for day, cell in days if "三里岗香菇节" in cell]
    assert with_event == [f"{YEAR}-10-16", f"{YEAR}-10-17", f"{YEAR}-10-18"]
    assert f"{YEAR}年10月" in page
    assert f"month={YEAR}-09" in page and f"month={YEAR}-11" in page


def _ics(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_an_events_ics_has_its_times_in_beijing_its_rrule_and_a_stable_uid(client, index, make_event):
    page = make_event(
        "长岗高山采茶节",
        recurrence_rule=f"FREQ=YEARLY;BYMONTH=4;BYDAY=SA;UNTIL={YEAR + 1}0430",
        recurrence_start=beijing(YEAR, 4, 3, 8, 30),
        recurrence_hours=7,
        dates=[(beijing(YEAR, 5, 1, 9), beijing(YEAR, 5, 1, 12))],
        venue_address="随县长岗镇茶场村",
    )
    url = page.url + "event.ics"
    calendar = _ics(client, url)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    rule_event, date_event = calendar.walk("VEVENT")
    assert rule_event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert rule_event.decoded("DTSTART") == beijing(YEAR, 4, 3, 8, 30)
    assert rule_event.decoded("DTEND") == beijing(YEAR, 4, 3, 15, 30)
    assert rule_event["RRULE"]["FREQ"] == ["YEARLY"] and rule_event["RRULE"]["BYDAY"] == ["SA"]
    assert rule_event["RRULE"]["COUNT"] == [EventOccurrence.objects.filter(page=page, source="rule").count()]
    assert date_event.decoded("DTSTART") == beijing(YEAR, 5, 1, 9)
    assert str(rule_event["LOCATION"]) == "随县长岗镇茶场村"
    assert str(rule_event["URL"]).endswith(page.url)
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert uids[0] == f"event-{page.pk}-rule@testserver"
    assert [str(e["UID"]) for e in _ics(client, url).walk("VEVENT")] == uids
    assert all("DTSTAMP" in e for e in calendar.walk("VEVENT"))


def test_the_feed_has_every_upcoming_event_and_no_past_one(client, index, make_event):
    make_event("三里岗香菇节", dates=[(beijing(YEAR, 10, 16, 9), beijing(YEAR, 10, 18, 17))])
    make_event(
        "炎帝故里寻根节", lunar_month=4, lunar_day=26, lunar_start_time=datetime.time(9), lunar_hours=8
    )
    make_event("万和板栗开杆节", dates=[(beijing(YEAR - 2, 9, 20, 8), beijing(YEAR - 2, 9, 20, 16))])
    calendar = _ics(client, index.url + "calendar.ics")
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert summaries == {"三里岗香菇节", "炎帝故里寻根节"}
    lunar = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "炎帝故里寻根节"]
    assert beijing(2027, 5, 31, 9) in [e.decoded("DTSTART") for e in lunar] or YEAR > 2027


def test_the_feed_follows_an_unpublished_and_a_newly_published_event(client, index, make_event):
    # The feed is cached between builds: what subscribers read must still follow the pages.
    page = make_event("三里岗香菇节", dates=[(beijing(YEAR, 10, 16, 9), beijing(YEAR, 10, 18, 17))])
    assert _summaries(client, index) == {"三里岗香菇节"}

    page.unpublish()
    make_event("长岗高山采茶节", dates=[(beijing(YEAR, 4, 10, 9), beijing(YEAR, 4, 10, 17))])

    assert _summaries(client, index) == {"长岗高山采茶节"}


def _summaries(client, index):
    return {str(e["SUMMARY"]) for e in _ics(client, index.url + "calendar.ics").walk("VEVENT")}


def test_an_ics_of_a_page_that_is_not_live_is_not_found(client, index, make_event):
    page = make_event("三里岗香菇节", dates=[(beijing(YEAR, 10, 16, 9), beijing(YEAR, 10, 18, 17))])
    page.unpublish()
    assert client.get(page.url_path.replace("/wenfu-test", "") + "event.ics").status_code == 404
    assert client.get("/no-such-page/event.ics").status_code == 404


def test_the_page_shows_the_next_date_first_and_schema_org_event(client, index, make_event):
    page = make_event(
        "三里岗香菇节",
        dates=[
            (beijing(YEAR - 2, 10, 16, 9), beijing(YEAR - 2, 10, 18, 17)),
            (beijing(YEAR + 1, 10, 16, 9), beijing(YEAR + 1, 10, 18, 17)),
            (beijing(YEAR, 10, 15, 9), beijing(YEAR, 10, 17, 17)),
        ],
        venue_address="随县三里岗镇香菇市场",
        organiser="三里岗镇人民政府",
    )
    html = client.get(page.url).content.decode()
    next_at = html.index(f"{YEAR}年10月15日")
    assert next_at < html.index(f"{YEAR + 1}年10月16日")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["@type"] == "Event" and data["name"] == "三里岗香菇节"
    assert data["startDate"] == f"{YEAR}-10-15T09:00:00+08:00"
    assert data["location"]["name"] == "随县三里岗镇香菇市场"


def test_the_product_and_area_pages_link_the_festival(client, index, make_event):
    area = ResettlementArea.objects.create(
        slug="sanligang-jixiangsi", name="三里岗镇香菇小镇安置区", town="三里岗镇", village="吉祥寺村"
    )
    product = ProductFactory(title="随州花菇 500g")
    featuring = make_event("三里岗香菇节", dates=[(beijing(YEAR, 10, 16, 9), beijing(YEAR, 10, 18, 17))])
    EventPageProduct.objects.create(page=featuring, product=product)
    make_event("香菇小镇开园", dates=[(beijing(YEAR, 3, 1, 9), beijing(YEAR, 3, 1, 12))], venue_area=area)
    product_page = client.get(product.get_absolute_url()).content.decode()
    assert "节庆活动" in product_page and featuring.url in product_page
    assert f"{YEAR}年10月16日" in product_page
    area_page = client.get(f"/shop/areas/{area.slug}/").content.decode()
    assert "香菇小镇开园" in area_page and "三里岗香菇节" not in area_page


def test_the_home_page_shows_the_next_festivals(client, home, index, make_event):
    home.save_revision().publish()
    make_event("三里岗香菇节", dates=[(beijing(YEAR, 10, 16, 9), beijing(YEAR, 10, 18, 17))])
    make_event("万和板栗开杆节", dates=[(beijing(YEAR - 2, 9, 20, 8), beijing(YEAR - 2, 9, 20, 16))])
    html = client.get("/").content.decode()
    assert "近期节庆" in html and "三里岗香菇节" in html and "万和板栗开杆节" not in html


def _add_events(index, numbers, *, occurrences_each):
    """Live events numbered ``numbers`` with ``occurrences_each`` weekly occurrences each, the
    even ones past and the odd ones coming, straight into the tables (publishing hundreds of
    pages through revisions would take minutes)."""
    rows = []
    for n in numbers:
        page = index.add_child(instance=EventPage(title=f"农事节庆{n:03d}", slug=f"jie-{n}", town="三里岗镇"))
        first = beijing(YEAR - 2 if n % 2 == 0 else YEAR, 3, 1, 9) + datetime.timedelta(days=n % 20)
        for k in range(occurrences_each):
            start = first + datetime.timedelta(weeks=k)
            end = start + datetime.timedelta(hours=8)
            rows.append(EventOccurrence(page=page, start=start, end=end, source="date", key=f"d{k}"))
    EventOccurrence.objects.bulk_create(rows)


def test_the_index_and_calendar_cost_the_same_queries_with_500_events_as_with_6(client, index):
    urls = [
        index.url,
        index.url + "?when=past",
        index.url + f"?month={YEAR}-03&town=三里岗镇&page=2",
        index.url + f"calendar/?month={YEAR}-03",
    ]

    def queries():
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    _add_events(index, range(6), occurrences_each=10)
    few = queries()
    _add_events(index, range(6, 500), occurrences_each=10)
    assert EventOccurrence.objects.count() == 5000
    assert queries() == few
    assert max(few) <= 25
