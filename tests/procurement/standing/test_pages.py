"""The 定期采购 pages as a canteen's 采购员 uses them: create a template, see the next ten
delivery dates with holidays, 调休 and blocked dates explained, block and unblock a date,
switch it off; and what others may not do (another organisation's id → 404, nothing changed)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from procurement.models import HolidayOverride, StandingOrder, StandingOrderSkip

from .conftest import day

pytestmark = pytest.mark.django_db


def _post_data(world, **overrides):
    data = {
        "name": "每周一、四蔬菜",
        "delivery_address": world.kitchen.pk,
        "weekdays": ["1", "4"],
        "include_makeup_workdays": "on",
        "lead_days": "3",
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-stockrecord": world.greens.pk,
        "lines-0-quantity": "20",
        "lines-1-stockrecord": world.mushroom.pk,
        "lines-1-quantity": "10",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_buyer_creates_a_standing_order_and_sees_the_next_ten_dates(world, client, today_is):
    today_is(day("2026-09-20"))
    client.force_login(world.buyer)

    response = client.post(reverse("procurement:standing-create"), _post_data(world))

    standing_order = StandingOrder.objects.get(organisation=world.canteen)
    assert response.status_code == 302
    assert response.url == reverse("procurement:standing-detail", args=[standing_order.pk])
    assert standing_order.weekdays == [1, 4] and standing_order.include_makeup_workdays
    assert [(line.stockrecord, line.quantity) for line in standing_order.lines.all()] == [
        (world.greens, 20),
        (world.mushroom, 10),
    ]
    page = client.get(response.url)
    dates = [(item["date"].date.isoformat(), item["date"].status) for item in page.context["next_dates"]]
    assert dates == [
        ("2026-09-21", "deliver"),
        ("2026-09-24", "deliver"),
        ("2026-09-28", "deliver"),
        ("2026-10-01", "skipped"),
        ("2026-10-05", "skipped"),
        ("2026-10-08", "deliver"),
        ("2026-10-10", "deliver"),
        ("2026-10-12", "deliver"),
        ("2026-10-15", "deliver"),
        ("2026-10-19", "deliver"),
        ("2026-10-22", "deliver"),
        ("2026-10-26", "deliver"),
    ]
    content = page.content.decode()
    assert "国庆节放假" in content and "国庆节调休上班" in content


def test_dates_of_a_year_without_holiday_data_are_shown_as_waiting_for_data(
    world, standing, client, today_is
):
    today_is(day("2026-12-20"))
    client.force_login(world.buyer)

    page = client.get(reverse("procurement:standing-detail", args=[standing.pk]))

    statuses = {item["date"].date.isoformat(): item["date"].status for item in page.context["next_dates"]}
    assert statuses["2026-12-31"] == "deliver"
    assert statuses["2027-01-04"] == "needs_data"
    assert "2027 年节假日安排尚未录入" in page.content.decode()
    # Ten dates are still shown: a year waiting for data is not a year without deliveries.
    assert len(statuses) == 10

    HolidayOverride.objects.create(date=day("2027-01-01"), is_workday=False, name="元旦")
    page = client.get(reverse("procurement:standing-detail", args=[standing.pk]))
    statuses = {item["date"].date.isoformat(): item["date"].status for item in page.context["next_dates"]}
    assert statuses["2027-01-04"] == "deliver"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"lines-0-quantity": "十"}, "数量应为正整数"),
        ({"lines-0-quantity": "1.5"}, "数量应为正整数"),
        ({"lines-0-quantity": "0"}, "数量应为正整数"),
        ({"lines-0-quantity": "5"}, "低于起订量 20"),
        ({"weekdays": None}, "请至少选择一个每周送货日"),
        ({"weekdays": ["8"]}, "选择一个有效的选项"),
        ({"lead_days": "0"}, "lead_days"),
        (
            {
                "lines-0-stockrecord": "",
                "lines-0-quantity": "",
                "lines-1-stockrecord": "",
                "lines-1-quantity": "",
            },
            "至少要有一种商品",
        ),
    ],
)
def test_bad_input_is_explained_and_saves_nothing(world, client, overrides, message):
    client.force_login(world.buyer)

    response = client.post(reverse("procurement:standing-create"), _post_data(world, **overrides))

    assert response.status_code == 200
    if message == "lead_days":
        assert response.context["form"].errors["lead_days"]
    else:
        assert message in response.content.decode()
    assert not StandingOrder.objects.exists()


def test_another_organisations_address_is_refused(world, client):
    client.force_login(world.buyer)

    response = client.post(
        reverse("procurement:standing-create"), _post_data(world, delivery_address=world.school_kitchen.pk)
    )

    assert response.status_code == 200 and response.context["form"].errors["delivery_address"]
    assert not StandingOrder.objects.exists()


def test_the_buyer_edits_a_standing_order(world, standing, client):
    client.force_login(world.buyer)
    url = reverse("procurement:standing-update", args=[standing.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        _post_data(
            world, name="周二蔬菜", weekdays=["2"], **{"lines-1-stockrecord": "", "lines-1-quantity": ""}
        ),
    )

    assert response.status_code == 302
    standing.refresh_from_db()
    assert standing.name == "周二蔬菜" and standing.weekdays == [2] and standing.lead_days == 3
    assert [(line.stockrecord, line.quantity) for line in standing.lines.all()] == [(world.greens, 20)]


def test_blocking_and_unblocking_a_date(world, standing, client, today_is):
    today_is(day("2026-09-20"))
    client.force_login(world.buyer)
    detail = reverse("procurement:standing-detail", args=[standing.pk])

    client.post(reverse("procurement:standing-skip-add", args=[standing.pk]), {"date": "2026-10-08"})

    skip = StandingOrderSkip.objects.get(standing_order=standing)
    assert skip.date == day("2026-10-08")
    page = client.get(detail)
    reasons = {item["date"].date.isoformat(): item["date"].reason for item in page.context["next_dates"]}
    assert reasons["2026-10-08"] == "本单位设为不送货"

    response = client.post(
        reverse("procurement:standing-skip-add", args=[standing.pk]), {"date": "2026-10-08"}, follow=True
    )
    assert "2026-10-08 已经是不送货日期" in response.content.decode()
    response = client.post(
        reverse("procurement:standing-skip-add", args=[standing.pk]), {"date": "2026-09-01"}, follow=True
    )
    assert "不送货日期应晚于今天" in response.content.decode()
    response = client.post(
        reverse("procurement:standing-skip-add", args=[standing.pk]), {"date": "下周一"}, follow=True
    )
    assert "请输入正确的日期" in response.content.decode()
    assert StandingOrderSkip.objects.filter(standing_order=standing).count() == 1

    client.post(reverse("procurement:standing-skip-remove", args=[standing.pk, skip.pk]))
    assert not StandingOrderSkip.objects.filter(standing_order=standing).exists()


def test_switching_a_standing_order_off_and_on(world, standing, client):
    client.force_login(world.buyer)
    url = reverse("procurement:standing-activate", args=[standing.pk])

    client.post(url, {"active": "0"})
    standing.refresh_from_db()
    assert not standing.is_active

    client.post(url, {"active": "1"})
    standing.refresh_from_db()
    assert standing.is_active


def test_another_organisations_standing_order_is_not_found_and_nothing_changes(world, standing, client):
    skip = StandingOrderSkip.objects.create(standing_order=standing, date=day("2026-12-31"))
    client.force_login(world.other_buyer)

    assert client.get(reverse("procurement:standing-detail", args=[standing.pk])).status_code == 404
    assert client.get(reverse("procurement:standing-update", args=[standing.pk])).status_code == 404
    assert (
        client.post(reverse("procurement:standing-update", args=[standing.pk]), _post_data(world)).status_code
        == 404
    )
    assert (
        client.post(reverse("procurement:standing-activate", args=[standing.pk]), {"active": "0"}).status_code
        == 404
    )
    assert (
        client.post(
            reverse("procurement:standing-skip-add", args=[standing.pk]), {"date": "2026-12-30"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("procurement:standing-skip-remove", args=[standing.pk, skip.pk])).status_code
        == 404
    )
    assert world.canteen.name not in client.get(reverse("procurement:standing-list")).content.decode()

    standing.refresh_from_db()
    assert standing.is_active and standing.name == "每周一、四蔬菜" and standing.weekdays == [1, 4]
    assert list(standing.skips.values_list("date", flat=True)) == [day("2026-12-31")]


def test_a_member_without_the_buyer_role_sees_but_cannot_change(world, standing, client):
    client.force_login(world.approver)

    assert client.get(reverse("procurement:standing-detail", args=[standing.pk])).status_code == 200
    assert client.get(reverse("procurement:standing-create")).status_code == 403
    assert client.post(reverse("procurement:standing-create"), _post_data(world)).status_code == 403
    response = client.post(
        reverse("procurement:standing-activate", args=[standing.pk]), {"active": "0"}, follow=True
    )
    assert "采购员" in response.content.decode()
    client.post(reverse("procurement:standing-skip-add", args=[standing.pk]), {"date": "2026-12-30"})

    standing.refresh_from_db()
    assert standing.is_active and StandingOrder.objects.count() == 1
    assert not standing.skips.exists()


def test_operators_edit_holiday_overrides_in_the_django_admin(world, client):
    url = reverse("admin:procurement_holidayoverride_changelist")
    client.force_login(world.buyer)
    assert client.get(url).status_code == 302

    operator = get_user_model().objects.create_user("operator@example.cn", "secret-pass-123")
    operator.is_staff = True
    operator.save()
    client.force_login(operator)
    assert client.get(url).status_code == 200
    response = client.post(
        reverse("admin:procurement_holidayoverride_add"),
        {"date": "2027-01-01", "is_workday": "", "name": "元旦"},
    )

    assert response.status_code == 302
    assert HolidayOverride.objects.get(date=day("2027-01-01")).name == "元旦"
