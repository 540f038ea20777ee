"""Registration for a festival, as a visitor posts it: accepted while places are left, refused
with a Chinese message (nothing saved) when full, for a mobile already registered, after the
event or with a bad mobile; the last places are never sold twice under concurrent requests."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from cms.events.exceptions import RegistrationRefused
from cms.events.models import EventRegistration
from cms.events.services import event_registration_create

from .conftest import beijing

YEAR = timezone.localdate().year + 1


@pytest.fixture
def festival(make_event):
    return make_event(
        "长岗高山采茶节",
        dates=[(beijing(YEAR, 4, 3, 8, 30), beijing(YEAR, 4, 3, 15, 30))],
        venue_address="随县长岗镇茶场村",
        registration_enabled=True,
        registration_capacity=5,
    )


def register(client, page, **fields):
    data = {"name": "陈国平", "mobile": "13800000103", "people": 2, **fields}
    return client.post(page.url + "register/", data, follow=True)


@pytest.mark.django_db
def test_a_visitor_registers_and_sees_the_places_left(client, festival):
    response = register(client, festival)
    html = response.content.decode()
    assert "报名成功：陈国平，2 人" in html
    assert "还剩 <strong>3</strong> 个" in html
    assert EventRegistration.objects.get().mobile == "13800000103"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"mobile": "1380000010"}, "请输入 11 位中国大陆手机号码"),
        ({"people": 11}, "每次最多报名 10 人"),
        ({"name": " "}, "请填写姓名"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(client, festival, fields, message):
    html = register(client, festival, **fields).content.decode()
    assert message in html
    assert not EventRegistration.objects.exists()


@pytest.mark.django_db
def test_the_same_mobile_twice_is_refused(client, festival):
    register(client, festival)
    html = register(client, festival, name="陈国平的家人", people=1).content.decode()
    assert "手机号 13800000103 已经报名过本活动" in html
    assert EventRegistration.objects.count() == 1


@pytest.mark.django_db
def test_a_full_event_refuses_and_says_so(client, festival):
    register(client, festival, mobile="13800000001", people=4)
    html = register(client, festival, mobile="13800000002", people=2).content.decode()
    assert "名额只剩 1 人" in html
    register(client, festival, mobile="13800000003", people=1)
    with pytest.raises(RegistrationRefused, match="报名名额已满"):
        event_registration_create(page=festival, name="赵德明", mobile="13800000004", people=1)
    assert "报名名额已满" in client.get(festival.url).content.decode()
    assert sum(EventRegistration.objects.values_list("people", flat=True)) == 5


@pytest.mark.django_db
def test_registration_closes_when_the_last_occurrence_has_ended(festival):
    end = beijing(YEAR, 4, 3, 15, 30)
    one_minute = datetime.timedelta(minutes=1)
    event_registration_create(
        page=festival, name="刘春梅", mobile="13800000102", people=1, now=end - one_minute
    )
    with pytest.raises(RegistrationRefused, match="活动已经结束"):
        event_registration_create(page=festival, name="周建华", mobile="13800000106", people=1, now=end)
    assert EventRegistration.objects.count() == 1


@pytest.mark.django_db
def test_an_event_past_its_date_refuses_through_the_page(client, make_event):
    past = make_event(
        "万和板栗开杆节",
        dates=[(beijing(YEAR - 2, 9, 20, 8), beijing(YEAR - 2, 9, 20, 16))],
        registration_enabled=True,
        registration_capacity=20,
    )
    assert "活动已经结束，报名已关闭" in register(client, past).content.decode()
    assert not EventRegistration.objects.exists()


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_exceed_the_capacity(festival):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write; the row lock is what PostgreSQL needs")
    barrier = threading.Barrier(6)
    outcomes = []

    def attempt(n):
        barrier.wait()
        try:
            event_registration_create(page=festival, name=f"游客{n}", mobile=f"1390000000{n}", people=2)
            outcomes.append("ok")
        except RegistrationRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 2 and outcomes.count("refused") == 4
    assert sum(EventRegistration.objects.values_list("people", flat=True)) == 4
