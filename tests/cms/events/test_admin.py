"""The festival editor in the Wagtail admin, through the test client: a lunar festival is
published with its occurrences; bad dates get a Chinese message and save nothing; the
registration list downloads as xlsx for editors only."""

import datetime
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.events.models import EventOccurrence, EventPage, EventRegistration
from tests.factories import ProductFactory

from .conftest import beijing

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate().year + 1


def event_form(**fields):
    data = {
        "title": "炎帝故里寻根节",
        "slug": "yandi-guli-xungen-jie",
        "summary": "拜谒炎帝神农。",
        "venue_address": "随县厉山镇",
        "town": "厉山镇",
        "organiser": "随县人民政府",
        "dates": inline_formset([]),
        "recurrence_rule": "",
        "recurrence_start": "",
        "recurrence_hours": "",
        "lunar_month": "",
        "lunar_day": "",
        "lunar_start_time": "",
        "lunar_hours": "",
        "body": streamfield([]),
        "products": inline_formset([]),
        "registration_capacity": "",
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(fields)
    return nested_form_data(data)


def add_event(client, index, **fields):
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])
    return client.post(url, event_form(**fields))


def test_a_festival_on_a_lunar_date_is_published_with_its_occurrences_and_products(admin_client, index):
    products = [ProductFactory(title="随州泡泡青 2.5kg"), ProductFactory(title="厉山富硒大米 10kg")]
    response = add_event(
        admin_client,
        index,
        lunar_month="4",
        lunar_day="26",
        lunar_start_time="09:00",
        lunar_hours="8",
        products=inline_formset([{"product": p.pk} for p in products]),
    )
    assert response.status_code == 302
    page = EventPage.objects.get(slug="yandi-guli-xungen-jie")
    assert page.live and [link.product_id for link in page.products.all()] == [p.pk for p in products]
    starts = list(EventOccurrence.objects.filter(page=page).values_list("start", flat=True))
    assert beijing(2027, 5, 31, 9) in starts or timezone.localdate().year > 2027
    assert all(timezone.localtime(s).hour == 9 for s in starts)
    assert len(starts) == 6  # last year and the five coming ones


def explicit_date(start, end):
    return {"dates": inline_formset([{"start": start, "end": end}])}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (explicit_date(f"{NEXT_YEAR}-10-18 17:00", f"{NEXT_YEAR}-10-16 09:00"), "结束时间必须晚于开始时间"),
        (
            {
                "recurrence_rule": "FREQ=WEEKLY;BYDAY=SA",
                "recurrence_start": f"{NEXT_YEAR}-04-03 08:30",
                "recurrence_hours": "7",
            },
            "重复规则必须写明何时结束",
        ),
        (
            {
                "recurrence_rule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2",
                "recurrence_start": f"{NEXT_YEAR}-02-01 08:30",
                "recurrence_hours": "7",
            },
            "这条重复规则排不出任何日期",
        ),
        (
            {
                "lunar_month": "4",
                "lunar_day": "26",
                "lunar_leap_month": "on",
                "lunar_start_time": "09:00",
                "lunar_hours": "8",
            },
            "没有闰四月廿六",
        ),
        ({}, "请至少填写一种活动时间"),
        (
            {
                **explicit_date(f"{NEXT_YEAR}-10-16 09:00", f"{NEXT_YEAR}-10-18 17:00"),
                "registration_enabled": "on",
            },
            "开放报名时请填写名额",
        ),
    ],
    ids=[
        "ends-before-it-starts",
        "rule-never-ends",
        "rule-yields-nothing",
        "no-such-leap-month",
        "no-dates",
        "no-capacity",
    ],
)
def test_bad_dates_get_a_chinese_message_and_nothing_is_saved(admin_client, index, fields, message):
    response = add_event(admin_client, index, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventPage.objects.exists()
    assert not EventOccurrence.objects.exists()


def test_two_venues_at_once_are_refused(admin_client, index):
    from catalog.models import ResettlementArea

    area = ResettlementArea.objects.create(
        slug="lishan", name="厉山镇神农安置小区", town="厉山镇", village="烈山村"
    )
    response = add_event(
        admin_client,
        index,
        venue_area=str(area.pk),
        **explicit_date(f"{NEXT_YEAR}-10-16 09:00", f"{NEXT_YEAR}-10-18 17:00"),
    )
    assert response.status_code == 200
    assert "举办地只能选一个" in response.content.decode()
    assert not EventPage.objects.exists()


@pytest.fixture
def event_with_registrations(make_event):
    page = make_event(
        "三里岗香菇节",
        dates=[(beijing(NEXT_YEAR, 10, 16, 9), beijing(NEXT_YEAR, 10, 18, 17))],
        venue_address="随县三里岗镇",
        registration_enabled=True,
        registration_capacity=50,
    )
    EventRegistration.objects.create(page=page, name="王德全", mobile="13800000101", people=2)
    EventRegistration.objects.create(page=page, name='=HYPERLINK("http://x")', mobile="13800000102", people=1)
    return page


def test_the_editor_downloads_the_registrations_as_xlsx(admin_client, event_with_registrations):
    url = reverse("events_registrations_xlsx", args=[event_with_registrations.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("姓名", "手机号", "人数", "报名时间")
    assert rows[1][:3] == ("王德全", "13800000101", 2)
    assert sheet.cell(row=3, column=1).data_type == "s"  # a name is never a formula
    # The page's header offers the download.
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event_with_registrations.pk]))
    assert url in edit.content.decode()


def test_someone_who_cannot_edit_the_event_cannot_download_its_registrations(
    client, event_with_registrations
):
    # An admin user of another section: can use the Wagtail admin, has no permission on this page.
    group = Group.objects.create(name="新闻编辑")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = get_user_model().objects.create_user("news@wenfu.test", "pass-2026")
    user.groups.add(group)
    client.force_login(user)
    url = reverse("events_registrations_xlsx", args=[event_with_registrations.pk])
    # Wagtail answers a PermissionDenied in its admin by sending the user back to the dashboard.
    refused = client.get(url)
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/cms/login/" in anonymous["Location"]


def test_dates_are_rematerialised_when_the_page_is_published_again(admin_client, make_event):
    page = make_event(
        dates=[(beijing(NEXT_YEAR, 10, 16, 9), beijing(NEXT_YEAR, 10, 18, 17))], venue_address="x"
    )
    page.dates.all().update(start=beijing(NEXT_YEAR, 11, 1, 9), end=beijing(NEXT_YEAR, 11, 1, 17))
    draft = EventPage.objects.get(pk=page.pk)
    assert EventOccurrence.objects.get(page=page).start == beijing(NEXT_YEAR, 10, 16, 9)
    draft.save_revision().publish()
    assert EventOccurrence.objects.get(page=page).start == beijing(NEXT_YEAR, 11, 1, 9)


def test_a_draft_does_not_change_the_live_occurrences(make_event):
    page = make_event(
        dates=[(beijing(NEXT_YEAR, 10, 16, 9), beijing(NEXT_YEAR, 10, 18, 17))], venue_address="x"
    )
    page.lunar_month, page.lunar_day = 4, 26
    page.lunar_start_time, page.lunar_hours = datetime.time(9), 8
    page.save_revision()
    assert EventOccurrence.objects.filter(page=page).count() == 1
