"""A sale's status is a function of the clock: 预告 until its start minute, 直播中 from the start up
to its end, 已结束 from the end on; the index's tabs draw the same lines in the database."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cms.live.constants import LiveStatus
from cms.live.selectors import live_sale_listing
from cms.live.status import live_sale_status

BEIJING = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 12, 20, 19, 30, tzinfo=BEIJING)
END = datetime(2026, 12, 20, 21, 0, tzinfo=BEIJING)
MINUTE = timedelta(minutes=1)

BOUNDARIES = [
    (START - MINUTE, LiveStatus.UPCOMING),
    (START, LiveStatus.LIVE),
    (END - MINUTE, LiveStatus.LIVE),
    (END, LiveStatus.ENDED),
    (END + MINUTE, LiveStatus.ENDED),
]


@pytest.mark.parametrize(("now", "status"), BOUNDARIES)
def test_status_at_the_boundary_minutes(now, status):
    assert live_sale_status(starts_at=START, ends_at=END, now=now) == status


def test_the_same_instant_in_utc_gives_the_same_status():
    # 19:30 in Beijing is 11:30 UTC.
    now = datetime(2026, 12, 20, 11, 30, tzinfo=ZoneInfo("UTC"))
    assert live_sale_status(starts_at=START, ends_at=END, now=now) == LiveStatus.LIVE


@pytest.mark.django_db
@pytest.mark.parametrize(("now", "status"), BOUNDARIES)
def test_the_index_lists_a_sale_under_its_status_at_the_boundary_minutes(make_sale, live_index, now, status):
    sale = make_sale()
    sale.starts_at, sale.ends_at = START, END
    sale.save_revision().publish()

    listing = live_sale_listing(index=live_index, now=now)

    assert listing.tab == status
    assert {tab: count for tab, _label, count, _current in listing.tabs} == {
        tab: int(tab == status) for tab in LiveStatus
    }
    assert [(item.title, item.status) for item in listing.page.object_list] == [(sale.title, status)]
