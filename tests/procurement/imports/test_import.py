"""The Excel import as a canteen's 采购员 uses it: a clean file becomes drafts at tier prices; a
file with bad rows lists every one of them and saves nothing; a wrong file gets one message."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.constants import CooperativeStatus
from catalog.models import CooperativeProfile
from procurement.constants import ImportJobState, PurchaseOrderSource, PurchaseOrderState
from procurement.exceptions import NotPermitted
from procurement.imports import services as imports
from procurement.imports.workbook import SheetRow
from procurement.models import ImportJob, PurchaseOrder, PurchaseOrderLine

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

IMPORT_URL = "/procurement/orders/import/"


def _post(client, user, data, name="采购明细.xlsx", follow=True):
    client.force_login(user)
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data)}, follow=follow)


def _day(days):
    return timezone.localdate() + datetime.timedelta(days=days)


# --- A clean file -------------------------------------------------------------------------------


def test_a_clean_30_line_file_from_five_cooperatives_creates_one_draft_per_address_and_date(
    client, five_cooperatives, workbook
):
    world = five_cooperatives
    rows = []
    for index, record in enumerate(world.records):
        address = world.kitchen if index % 2 == 0 else world.city_kitchen
        quantity = 60 if index < 10 else 12
        rows.append((record.partner_sku, "（只读）", quantity, address.label, _day(7), f"备注{index}"))

    response = _post(client, world.buyer, workbook(rows))

    assert response.status_code == 200
    orders = PurchaseOrder.objects.filter(organisation=world.canteen).order_by("pk")
    assert [(o.delivery_address, o.delivery_date) for o in orders] == [
        (world.kitchen, _day(7)),
        (world.city_kitchen, _day(7)),
    ]
    assert {o.state for o in orders} == {PurchaseOrderState.DRAFT}
    assert {o.source for o in orders} == {PurchaseOrderSource.EXCEL}
    assert all(o.number.startswith("CG") for o in orders)
    kitchen = orders[0]
    # rows 0, 2, …, 8 at 60 (¥18 from 50) and 10, …, 28 at 12 (¥20 from 10).
    assert kitchen.lines.count() == 15
    assert kitchen.goods_total == 5 * 60 * Decimal("18.00") + 10 * 12 * Decimal("20.00")
    assert set(kitchen.lines.values_list("unit_price", flat=True)) == {Decimal("18.00"), Decimal("20.00")}
    first = PurchaseOrderLine.objects.get(purchase_order=kitchen, stockrecord=world.records[0])
    assert (first.quantity, first.retail_price, first.note) == (60, Decimal("25.00"), "备注0")
    assert kitchen.events.get().to_state == PurchaseOrderState.DRAFT
    assert "生成 2 张采购单草稿" in response.content.decode()
    assert orders[0].number in response.content.decode()
    job = ImportJob.objects.get()
    assert (job.state, job.purchase_order_ids, job.total_rows) == (
        ImportJobState.DONE,
        [o.pk for o in orders],
        30,
    )


def test_rows_without_a_quantity_are_skipped_and_upc_and_dates_as_text_are_read(client, world, workbook):
    Product.objects.filter(pk=world.greens.product_id).update(upc="6901234567890")
    in_ten = _day(10)
    rows = [
        (world.mushroom.partner_sku, "随州香菇", None, "", None, ""),
        (world.mushroom.partner_sku, "", 10, world.kitchen.label, f"{in_ten:%Y-%m-%d}", ""),
        (6901234567890, "", 20, world.kitchen.label, f"{in_ten.year}/{in_ten.month}/{in_ten.day}", ""),
        (
            world.fungus.partner_sku,
            "",
            "5",
            world.kitchen.label,
            f"{in_ten.year}年{in_ten.month}月{in_ten.day}日",
            "",
        ),
        (
            world.fungus.partner_sku,
            "",
            5.0,
            world.kitchen.label,
            datetime.datetime.combine(_day(11), datetime.time()),
            "",
        ),
    ]

    _post(client, world.buyer, workbook(rows))

    ten, eleven = PurchaseOrder.objects.order_by("delivery_date")
    assert ten.delivery_date == in_ten and eleven.delivery_date == _day(11)
    assert sorted(ten.lines.values_list("stockrecord_id", "quantity")) == sorted(
        [(world.mushroom.pk, 10), (world.greens.pk, 20), (world.fungus.pk, 5)]
    )


def test_the_file_is_judged_by_its_content_not_its_name(client, world, workbook):
    rows = [(world.mushroom.partner_sku, "", 10, world.kitchen.label, _day(7), "")]
    _post(client, world.buyer, workbook(rows), name="orders.csv")
    assert PurchaseOrder.objects.count() == 1


# --- Bad rows -----------------------------------------------------------------------------------


def _suspend(world):
    CooperativeProfile.objects.filter(partner=world.coop_b).update(status=CooperativeStatus.SUSPENDED)


def _unlist(world):
    Product.objects.filter(pk=world.greens.product_id).update(is_public=False)


BAD_ROWS = [
    ("unknown sku", None, {"code": "NO-SUCH"}, "商品编号“NO-SUCH”不存在"),
    ("no sku", None, {"code": ""}, "请填写商品编号"),
    ("suspended cooperative", _suspend, {"code": "greens"}, "该合作社已暂停销售"),
    ("unlisted product", _unlist, {"code": "greens"}, "商品未上架"),
    ("zero", None, {"quantity": 0}, "数量必须大于 0"),
    ("negative", None, {"quantity": -1}, "数量必须大于 0"),
    ("negative text", None, {"quantity": "-1"}, "数量必须是正整数"),
    ("fraction", None, {"quantity": 1.5}, "数量必须是正整数"),
    ("chinese numeral", None, {"quantity": "十"}, "数量必须是正整数"),
    ("below the minimum", None, {"quantity": 5}, "低于起订量 10"),
    ("more than the stock", None, {"quantity": 1001}, "库存不足：需要 1001，可用 1000"),
    ("unknown address", None, {"address": "不存在的食堂"}, "本单位没有名为“不存在的食堂”的收货地址"),
    ("another organisation's address", None, {"address": "一中食堂"}, "本单位没有名为“一中食堂”的收货地址"),
    ("no address", None, {"address": ""}, "请填写配送地址"),
    ("date in the past", None, {"date": -1}, "要求到货日期不能早于明天"),
    ("today", None, {"date": 0}, "要求到货日期不能早于明天"),
    ("beyond 90 days", None, {"date": 91}, "要求到货日期不能晚于 90 天后"),
    ("unreadable date", None, {"date": "下周一"}, "无法识别的日期“下周一”"),
    ("impossible date", None, {"date": "2026-02-30"}, "无法识别的日期“2026-02-30”"),
    ("a bare number as date", None, {"date": 46000}, "无法识别的日期“46000”"),
    ("no date", None, {"date": ""}, "请填写要求到货日期"),
    ("note too long", None, {"note": "很" * 201}, "备注不能超过 200 字"),
]


@pytest.mark.parametrize(
    ("case", "prepare", "change", "reason"), BAD_ROWS, ids=[case[0] for case in BAD_ROWS]
)
def test_a_bad_row_is_listed_with_its_number_and_reason_and_nothing_is_saved(
    client, world, workbook, case, prepare, change, reason
):
    if prepare:
        prepare(world)
    codes = {"greens": world.greens.partner_sku}
    bad = {
        "code": world.mushroom.partner_sku,
        "quantity": 10,
        "address": world.kitchen.label,
        "date": 7,
        "note": "",
    }
    bad.update(change)
    bad["code"] = codes.get(bad["code"], bad["code"])
    if isinstance(bad["date"], int) and -10 < bad["date"] < 100:
        bad["date"] = _day(bad["date"])
    good = (world.fungus.partner_sku, "", 5, world.kitchen.label, _day(7), "")
    rows = [good, (bad["code"], "", bad["quantity"], bad["address"], bad["date"], bad["note"])]

    response = _post(client, world.buyer, workbook(rows))

    page = response.content.decode()
    assert "文件中有 1 行不能导入，未保存任何内容" in page
    assert "第 3 行" in page and reason in page
    job = ImportJob.objects.get()
    assert job.state == ImportJobState.REFUSED
    assert job.errors["rows"][0][0] == 3 and reason in job.errors["rows"][0][1]
    assert not PurchaseOrder.objects.exists()


def test_stock_is_counted_over_every_row_of_the_same_stock_record(client, world, workbook):
    rows = [
        (world.greens.partner_sku, "", 600, world.kitchen.label, _day(7), ""),
        (world.greens.partner_sku, "", 600, world.city_kitchen.label, _day(8), ""),
    ]
    response = _post(client, world.buyer, workbook(rows))
    assert "第 3 行" in response.content.decode()
    assert ImportJob.objects.get().errors["rows"] == [[3, "库存不足：需要 1200，可用 1000"]]
    assert not PurchaseOrder.objects.exists()


def test_the_same_product_address_and_date_twice_is_a_duplicate(client, world, workbook):
    row = (world.mushroom.partner_sku, "", 10, world.kitchen.label, _day(7), "")
    _post(client, world.buyer, workbook([row, row, row[:4] + (_day(8), "")]))
    assert ImportJob.objects.get().errors["rows"] == [[3, "重复：同一商品、收货地址和到货日期已在前面出现"]]
    assert not PurchaseOrder.objects.exists()


def test_a_1000_row_file_with_ten_bad_rows_lists_all_ten_and_saves_nothing(
    client, five_cooperatives, workbook, eager_celery, django_capture_on_commit_callbacks
):
    world = five_cooperatives
    rows = []
    for index in range(1000):
        record = world.records[index % 30]
        address = (world.kitchen, world.city_kitchen)[index // 30 % 2]
        rows.append([record.partner_sku, "", 10, address.label, _day(1 + index // 60), ""])
    bad = {}
    for number, index in enumerate(range(50, 1000, 95)):
        row = rows[index]
        if number % 3 == 0:
            row[2], bad[index + 2] = "十", "数量必须是正整数"
        elif number % 3 == 1:
            row[0], bad[index + 2] = "NO-SUCH", "商品编号“NO-SUCH”不存在"
        else:
            row[3], bad[index + 2] = "一中食堂", "本单位没有名为“一中食堂”的收货地址"
    assert len(bad) == 10

    # The task is queued when the upload commits; an eager Celery runs it before the redirect.
    with django_capture_on_commit_callbacks(execute=True):
        redirect = _post(client, world.buyer, workbook(rows), follow=False)
    response = client.get(redirect.url)

    job = ImportJob.objects.get()
    assert job.state == ImportJobState.REFUSED
    assert job.errors["rows"] == [[number, reason] for number, reason in sorted(bad.items())]
    page = response.content.decode()
    assert "文件中有 10 行不能导入" in page
    assert all(f"第 {number} 行" in page for number in bad)
    assert not PurchaseOrder.objects.exists()
    assert not PurchaseOrderLine.objects.exists()


# --- Whole-file refusals -------------------------------------------------------------------------


def _xlsm(workbook):
    source = io.BytesIO(workbook([("X", "", 1, "", "", "")]))
    target = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            copy.writestr(item, original.read(item.filename))
        copy.writestr("xl/vbaProject.bin", b"\x00" * 64)
    return target.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

WHOLE_FILE = [
    ("empty", lambda wb: b"", "文件是空的"),
    ("csv", lambda wb: "商品编号,数量\nSKU1,10\n".encode(), "不是 Excel（.xlsx）文件"),
    (
        "html saved as xls",
        lambda wb: b"<html><table><tr><td>1</td></tr></table></html>",
        "不是 Excel（.xlsx）文件",
    ),
    ("old xls", lambda wb: OLE + b"\x00" * 512 + "Workbook".encode("utf-16-le"), "旧版 Excel（.xls）"),
    ("password", lambda wb: OLE + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le"), "文件设置了密码"),
    ("macro-enabled", _xlsm, "不接受含宏的文件"),
    ("a zip that is not a workbook", None, "不是 Excel（.xlsx）文件"),
    ("a broken zip", lambda wb: b"PK\x03\x04" + b"\x00" * 100, "文件已损坏"),
    (
        "wrong header",
        lambda wb: wb([("SKU1", "", 1, "", "", "")], header=("SKU", "名称", "数量")),
        "表头不对",
    ),
    ("header only", lambda wb: wb([]), "文件中没有商品行"),
    ("no header", lambda wb: wb([], header=None), "文件是空的"),
    ("nothing ordered", lambda wb: wb([("SKU1", "香菇", None, "", "", "")]), "没有填写数量"),
    ("over 5000 rows", lambda wb: wb([("SKU1", "", 1, "", "", "")] * 5001), "文件超过 5,000 行"),
]


def _docx(workbook):
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return target.getvalue()


@pytest.mark.parametrize(("case", "make", "message"), WHOLE_FILE, ids=[case[0] for case in WHOLE_FILE])
def test_a_wrong_file_gets_one_clear_message_and_changes_nothing(
    client, world, workbook, case, make, message
):
    data = (make or _docx)(workbook)
    response = _post(client, world.buyer, data, name="采购明细.xlsx")
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert not PurchaseOrder.objects.exists()
    assert not ImportJob.objects.exists()


def test_a_file_over_5_mb_is_refused_before_it_is_read(client, world):
    response = _post(client, world.buyer, b"PK\x03\x04" + b"\x00" * (5 * 1024 * 1024))
    assert "文件超过 5 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


# --- Who may import -----------------------------------------------------------------------------


def test_a_member_without_the_buyer_role_is_refused(client, world, workbook):
    data = workbook([(world.mushroom.partner_sku, "", 10, world.kitchen.label, _day(7), "")])
    client.force_login(world.approver)
    refused = client.get(IMPORT_URL)
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "没有权限访问这个页面" in page and "只有采购员可以导入采购单。" in page
    assert "403 Forbidden" not in page and "wf-brand" in page
    assert client.get(reverse("procurement:order-import-template")).status_code == 403
    response = _post(client, world.approver, data)
    assert response.status_code == 403
    assert not ImportJob.objects.exists() and not PurchaseOrder.objects.exists()
    with pytest.raises(NotPermitted):
        imports.import_job_create(organisation=world.canteen, by=world.approver, upload=io.BytesIO(data))


def test_another_organisations_import_is_not_found(client, world, workbook):
    _post(
        client,
        world.buyer,
        workbook([(world.mushroom.partner_sku, "", 10, world.kitchen.label, _day(7), "")]),
    )
    job = ImportJob.objects.get()
    client.force_login(world.other_buyer)
    assert client.get(reverse("procurement:order-import-job", args=[job.pk])).status_code == 404


def test_an_organisation_that_is_not_verified_cannot_import(client, world, workbook):
    from procurement.constants import OrganisationStatus
    from procurement.models import Organisation

    Organisation.objects.filter(pk=world.canteen.pk).update(status=OrganisationStatus.SUSPENDED)
    client.force_login(world.buyer)
    assert "暂不能下单" in client.get(IMPORT_URL).content.decode()
    response = _post(
        client,
        world.buyer,
        workbook([(world.mushroom.partner_sku, "", 10, world.kitchen.label, _day(7), "")]),
    )
    assert "暂不能下单" in response.content.decode()
    assert not PurchaseOrder.objects.exists()


# --- Large files and their progress -------------------------------------------------------------


def _rows(world, count):
    """``count`` clean rows over the 30 records, both addresses and as many dates as needed."""
    return [
        SheetRow(
            number=index + 2,
            code=world.records[index % 30].partner_sku,
            name="",
            quantity=10,
            address=(world.kitchen, world.city_kitchen)[index // 30 % 2].label,
            date=_day(1 + index // 60),
            note="",
        )
        for index in range(count)
    ]


def test_the_query_count_does_not_grow_with_the_rows(five_cooperatives, django_assert_max_num_queries):
    world = five_cooperatives
    counts = {}
    for size in (100, 1000):
        with CaptureQueriesContext(connection) as queries:
            orders = imports.rows_import(organisation=world.canteen, by=world.buyer, rows=_rows(world, size))
        counts[size] = len(queries)
        assert sum(order.lines.count() for order in orders) == size
        PurchaseOrder.objects.all().delete()
    assert counts[100] == counts[1000]
    with django_assert_max_num_queries(counts[100]):
        imports.rows_import(organisation=world.canteen, by=world.buyer, rows=_rows(world, 1000))


def test_a_large_file_is_imported_by_the_task_and_its_page_shows_the_drafts(
    client, five_cooperatives, workbook, eager_celery, django_capture_on_commit_callbacks
):
    world = five_cooperatives
    rows = [(r.code, "", r.quantity, r.address, r.date, "") for r in _rows(world, 600)]
    with django_capture_on_commit_callbacks(execute=True):
        redirect = _post(client, world.buyer, workbook(rows), follow=False)
    response = client.get(redirect.url)
    job = ImportJob.objects.get()
    assert job.state == ImportJobState.DONE and job.processed_rows == 600
    assert len(job.purchase_order_ids) == 20
    assert "生成 20 张采购单草稿" in response.content.decode()
    assert 'http-equiv="refresh"' not in response.content.decode()

    # A second delivery of the same task changes nothing.
    from procurement.tasks import import_job_run_task

    import_job_run_task.delay(job.pk)
    assert PurchaseOrder.objects.count() == 20


def test_a_job_under_way_shows_a_progress_bar_that_refreshes(client, five_cooperatives, workbook, upload):
    world = five_cooperatives
    job = ImportJob.objects.create(
        organisation=world.canteen,
        user=world.buyer,
        file=upload(workbook([])),
        file_name="大单.xlsx",
        total_rows=4000,
        processed_rows=1000,
        state=ImportJobState.RUNNING,
    )
    client.force_login(world.buyer)
    page = client.get(reverse("procurement:order-import-job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page
    assert 'aria-valuenow="25"' in page and "已读取 1000 / 4000 行" in page
