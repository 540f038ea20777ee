"""The template a buyer downloads: the columns, the organisation's addresses and the orderable
products on a second sheet, the products bought before prefilled, and it comes back clean."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from procurement import services
from procurement.imports.workbook import COLUMNS
from procurement.models import PurchaseOrder

pytestmark = pytest.mark.django_db


def _bought(world, next_week):
    purchase_order = services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        lines=[(world.mushroom.pk, 10)],
    )
    services.purchase_order_submit(purchase_order=purchase_order, by=world.buyer)
    services.purchase_order_approve(purchase_order=purchase_order, by=world.approver)


def _template(client, user):
    client.force_login(user)
    response = client.get(reverse("procurement:order-import-template"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith("attachment")
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_the_template_lists_the_organisations_addresses_and_the_orderable_products(client, world, next_week):
    _bought(world, next_week)
    book = _template(client, world.buyer)

    assert book.sheetnames == ["采购明细", "可选商品与地址"]
    orders, reference = book["采购明细"], book["可选商品与地址"]
    assert tuple(cell.value for cell in orders[1]) == COLUMNS
    # Prefilled with what the canteen bought before, quantity left empty.
    assert [tuple(cell.value for cell in row[:3]) for row in orders.iter_rows(min_row=2)] == [
        (world.mushroom.partner_sku, "随州香菇 5kg", None)
    ]
    labels = [row[0].value for row in reference.iter_rows(min_row=2) if row[0].value]
    assert labels == ["机关食堂后厨", "武汉办事处食堂"]  # not the school's 一中食堂
    products = {row[2].value: [cell.value for cell in row[2:9]] for row in reference.iter_rows(min_row=2)}
    assert products[world.mushroom.partner_sku] == [
        world.mushroom.partner_sku,
        "随州香菇 5kg",
        "随县香菇专业合作社",
        "件",
        10,
        150,
        "10 起 ¥130.00；50 起 ¥120.00",
    ]
    assert set(products) == {world.mushroom.partner_sku, world.fungus.partner_sku, world.greens.partner_sku}
    lists = [v for v in orders.data_validations.dataValidation if v.type == "list"]
    assert lists and "D2:D5001" in str(lists[0].sqref) and "可选商品与地址" in lists[0].formula1


def test_a_filled_in_template_uploads_clean(client, world, next_week):
    _bought(world, next_week)
    book = _template(client, world.buyer)
    sheet = book["采购明细"]
    delivery = timezone.localdate() + datetime.timedelta(days=3)
    sheet["C2"], sheet["D2"], sheet["E2"] = 50, world.kitchen.label, delivery
    output = io.BytesIO()
    book.save(output)

    response = client.post(
        reverse("procurement:order-import"),
        {"file": SimpleUploadedFile("采购明细.xlsx", output.getvalue())},
        follow=True,
    )

    assert "生成 1 张采购单草稿" in response.content.decode()
    draft = PurchaseOrder.objects.get(delivery_date=delivery)
    assert draft.lines.get().unit_price == 120


def test_a_name_that_looks_like_a_formula_stays_text_in_the_buyers_excel(client, world, next_week):
    # A cooperative names its product (and a canteen its kitchen) as an Excel formula, hoping the
    # buyer's Excel runs it when the template opens.
    attack = '=HYPERLINK("http://evil.example/steal","点此领取优惠")'
    product = world.mushroom.product
    product.title = attack
    product.save()
    world.kitchen.label = "=1+1"
    world.kitchen.save()
    _bought(world, next_week)

    response_book = _template(client, world.buyer)

    orders, reference = response_book["采购明细"], response_book["可选商品与地址"]
    cells = [orders.cell(row=2, column=2), reference.cell(row=2, column=1)]
    cells += [row[3] for row in reference.iter_rows(min_row=2) if row[2].value == world.mushroom.partner_sku]
    assert [cell.value for cell in cells] == [attack, "=1+1", attack]
    assert {cell.data_type for cell in cells} == {"s"}
