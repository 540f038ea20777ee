"""The ledger's pages and exports: operators see every row, a cooperative only its own sales, an
organisation only its own purchases; filters that make no sense are said so in Chinese; the
Excel export is laid out as county offices file it and agrees with the page."""

import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Sum
from openpyxl import load_workbook

from procurement.ledger.selectors import ledger_entries_for, ledger_months_for, this_year
from tests.procurement.conftest import member, organisation_make

from .conftest import accepted_purchase, refund_paid, retail_order

pytestmark = pytest.mark.django_db

DASHBOARD = "/shop/dashboard/procurement/ledger/"
PORTAL = "/procurement/ledger/"


@pytest.fixture
def sales(world, next_week, shelves, shopper, operator):
    """花菇 2 × 68 (a) and 蜂蜜 88 (b) bought by a shopper, one 花菇 refunded; the canteen's
    48 of 50 香菇 accepted at 120 (a) and the school's 20 泡泡青 at 32 (b)."""
    order = retail_order(shopper, [(shelves.shiitake, 2), (shelves.honey, 1)])
    refund_paid(operator, order=order, line_quantities={order.lines.order_by("pk").first().pk: 1})
    accepted_purchase(world, next_week, [(world.mushroom, 50)], accepted={world.mushroom.pk: 48})
    school = type(world)(
        **{
            **vars(world),
            "canteen": world.school,
            "buyer": world.other_buyer,
            "approver": member(world.school, "school-approver@example.cn", "approver"),
            "receiver": member(world.school, "school-receiver@example.cn", "receiver"),
            "kitchen": world.school_kitchen,
        }
    )
    accepted_purchase(school, next_week, [(world.greens, 20)], accepted={})
    return world


def figure(page, element_id):
    return re.search(rf'id="{element_id}">([^<]*)<', page).group(1)


def test_the_operator_sees_every_channel_cooperative_area_and_organisation(client, sales, operator):
    client.force_login(operator)

    page = client.get(DASHBOARD).content.decode()

    # 68 + 88 retail (one 花菇 of two refunded), 5,760 + 640 institutional.
    assert figure(page, "ledger_total") == "¥6556.00"
    organisations = ("随县机关事务服务中心机关食堂", "随县第一中学食堂")
    for name in (*organisations, "随县香菇专业合作社", "随县蔬菜专业合作社"):
        assert name in page
    assert "三里岗镇香菇小镇安置区" in page and "殷店镇东岳安置点" in page
    assert 'id="ledger-chart-data"' in page and "vendor/echarts/echarts.min.js" in page


def test_a_cooperative_sees_only_its_own_sales(client, sales):
    client.force_login(sales.coop_b_user)

    page = client.get(DASHBOARD).content.decode()

    assert figure(page, "ledger_total") == "¥728.00"  # 88 + 640
    assert "随县香菇专业合作社" not in page
    assert "随州花菇" not in page
    # Its buyers' yearly targets are theirs: not on the page, in its charts or in its export.
    assert "100000" not in page and 'id="ledger_organisations"' not in page
    export = load_workbook(io.BytesIO(client.get(DASHBOARD, {"format": "xlsx"}).content))
    assert export.sheetnames == ["按合作社", "按安置区", "按月份"]


def test_an_organisation_sees_only_its_own_purchases(client, sales):
    client.force_login(sales.buyer)

    page = client.get(PORTAL).content.decode()

    assert figure(page, "ledger_total") == "¥5760.00"
    assert "随县蔬菜专业合作社" not in page  # the school's supplier, and the shopper's honey
    response = client.get(DASHBOARD)
    assert response.status_code in (302, 403)


def test_each_reader_of_the_roll_up_gets_only_its_own_rows_and_their_entries_sums(sales, operator):
    coop_b = ledger_months_for(sales.coop_b_user)
    canteen = ledger_months_for(sales.buyer)

    assert set(coop_b.values_list("partner_id", flat=True)) == {sales.coop_b.pk}
    assert set(canteen.values_list("organisation_id", flat=True)) == {sales.canteen.pk}
    assert not ledger_months_for(AnonymousUser()).exists()
    for user in (operator, sales.coop_a_user, sales.coop_b_user, sales.buyer, sales.other_buyer):
        months = ledger_months_for(user).aggregate(net=Sum("amount"), entries=Sum("entries"))
        entries = ledger_entries_for(user)
        net = entries.aggregate(net=Sum("amount"))["net"]
        assert (cents(months["net"]), months["entries"]) == (cents(net), entries.count()), user


def cents(value):
    return Decimal(value).quantize(Decimal("0.01"))


def test_an_organisation_without_purchases_sees_an_empty_ledger_not_anothers(client, sales):
    newcomer = organisation_make("随县人民医院食堂", serial=7)
    client.force_login(member(newcomer, "nurse@example.cn", "buyer"))

    page = client.get(PORTAL).content.decode()

    assert figure(page, "ledger_total") == "¥0.00"
    assert "随县香菇专业合作社" not in page


def test_filters_narrow_the_ledger_and_a_reversed_period_is_refused_in_chinese(client, sales, operator):
    client.force_login(operator)

    institutional = client.get(DASHBOARD, {"channel": "institutional"}).content.decode()
    reversed_period = client.get(DASHBOARD, {"month_from": 11, "month_to": 3}).content.decode()
    elsewhere = client.get(DASHBOARD, {"town": "殷店镇"}).content.decode()

    assert figure(institutional, "ledger_total") == "¥6400.00"
    assert "起始月份不能晚于结束月份。" in reversed_period
    assert figure(reversed_period, "ledger_total") == "¥6556.00"  # the whole year instead
    assert figure(elsewhere, "ledger_total") == "¥728.00"


def test_the_export_is_filed_as_county_offices_file_it(client, sales, operator):
    client.force_login(operator)

    response = client.get(DASHBOARD, {"format": "xlsx", "month_from": 1, "month_to": 12})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["按采购单位", "按合作社", "按安置区", "按月份"]
    cooperatives = workbook["按合作社"]
    rows = list(cooperatives.values)
    assert rows[0][0] == f"随县安置区消费帮扶台账（{this_year()}年）· 按合作社"
    assert rows[1][0] == "单位：元"
    assert rows[2] == ("合作社", "个人消费", "机构采购", "工会福利", "销售额", "退款", "净额")
    assert rows[3] == ("随县香菇专业合作社", 68.0, 5760.0, 0.0, 5896.0, -68.0, 5828.0)
    assert rows[-1] == ("合计", 156.0, 6400.0, 0.0, 6624.0, -68.0, 6556.0)
    assert cooperatives.cell(row=4, column=7).number_format == "#,##0.00"
    organisations = list(workbook["按采购单位"].values)
    assert organisations[3][:4] == ("随县机关事务服务中心机关食堂", "党政机关食堂", 100000.0, 5760.0)
    assert Decimal(str(organisations[3][4])) == Decimal("5.8")


def test_an_export_of_a_year_without_sales_is_an_empty_well_formed_workbook(client, sales, operator):
    client.force_login(operator)

    response = client.get(DASHBOARD, {"format": "xlsx", "year": 2022})

    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["按合作社"].values)
    assert rows[0][0] == "随县安置区消费帮扶台账（2022年）· 按合作社"
    assert rows[2][0] == "合作社"
    assert rows[3:] == [("合计", 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)]
    assert len(list(workbook["按月份"].values)) == 3 + 12 + 1


def test_a_year_no_report_covers_is_refused_and_the_page_shows_this_year(client, sales, operator):
    client.force_login(operator)

    page = client.get(DASHBOARD, {"year": 1999}).content.decode()

    assert figure(page, "ledger_total") == "¥6556.00"
    assert f"随县安置区消费帮扶台账（{this_year()}年）" in page


def test_the_page_costs_the_same_queries_for_many_entries(
    client, sales, operator, shelves, shopper, django_assert_max_num_queries
):
    client.force_login(operator)
    client.get(DASHBOARD)
    for _ in range(5):
        retail_order(shopper, [(shelves.shiitake, 1), (shelves.wood_ear, 1), (shelves.honey, 1)])

    with django_assert_max_num_queries(40):
        response = client.get(DASHBOARD)

    assert response.status_code == 200


def test_a_large_export_is_made_in_the_background_and_only_its_requester_downloads_it(
    client, sales, operator, world, settings, eager_celery, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    small = client.get(DASHBOARD, {"format": "xlsx", "month_from": 1, "month_to": 12}).content
    settings.LEDGER_EXPORT_SYNC_ENTRIES = 3  # the sales above make more entries than that
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(DASHBOARD, {"format": "xlsx", "month_from": 1, "month_to": 12})

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "台账已生成" in page
    download = re.search(r'href="([^"]+/download/)"', page).group(1)
    made = client.get(download)
    assert made["Content-Disposition"].startswith("attachment")
    book = load_workbook(io.BytesIO(b"".join(made.streaming_content)))
    assert list(book["按合作社"].values) == list(load_workbook(io.BytesIO(small))["按合作社"].values)
    client.force_login(world.buyer)
    assert client.get(download).status_code == 404
    assert client.get(response["Location"]).status_code == 404


def test_an_export_being_made_shows_its_progress(client, sales, operator, settings):
    settings.LEDGER_EXPORT_SYNC_ENTRIES = 3
    client.force_login(operator)

    response = client.get(DASHBOARD, {"format": "xlsx"})  # the task waits for the commit

    page = client.get(response["Location"]).content.decode()
    assert "正在后台生成" in page and 'http-equiv="refresh"' in page
    assert 'aria-valuenow="0"' in page
