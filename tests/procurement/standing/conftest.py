"""Standing orders on a chosen day: ``today_is(date)`` makes ``timezone.localdate()`` answer
``date`` for the services (the delivery-date rules) as well as the run; ``standing`` is the
canteen's standing order "every Monday and Thursday" of 泡泡青 to the county kitchen."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from procurement.models import StandingOrder, StandingOrderLine
from tests.conftest import reference_data_load


@pytest.fixture
def today_is(monkeypatch):
    real_localdate = timezone.localdate

    def set_today(date):
        def localdate(value=None, timezone=None):
            if value is None:
                return date
            return real_localdate(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)
        return date

    return set_today


@pytest.fixture(autouse=True)
def _reference_data(db):
    """Divisions and the CN country for the delivery addresses, again after the concurrent-run
    test's flush (a transactional test) removed them."""
    reference_data_load()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The operators' holiday-data warning is sent once a day, remembered in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def standing(world):
    standing_order = StandingOrder.objects.create(
        organisation=world.canteen,
        name="每周一、四蔬菜",
        delivery_address=world.kitchen,
        weekdays=[1, 4],
        lead_days=7,
        include_makeup_workdays=True,
        created_by=world.buyer,
    )
    StandingOrderLine.objects.create(standing_order=standing_order, stockrecord=world.greens, quantity=20)
    return standing_order


def day(text):
    return datetime.date.fromisoformat(text)
