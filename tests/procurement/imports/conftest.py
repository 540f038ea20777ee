"""Workbooks as a buyer would upload them, and a world with five cooperatives to order from.

workbook(rows, header=COLUMNS) -> bytes      an .xlsx whose first sheet holds ``rows``
upload(data, name="采购明细.xlsx")            the bytes as an uploaded file
five_cooperatives                            world plus world.records: 30 stock records of 5 cooperatives
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from procurement.imports.workbook import COLUMNS
from tests.procurement.conftest import cooperative_make, stock


def workbook_bytes(rows, header=COLUMNS):
    book = Workbook()
    sheet = book.active
    sheet.title = "采购明细"
    if header is not None:
        sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


@pytest.fixture
def workbook():
    return workbook_bytes


@pytest.fixture
def upload():
    def make(data, name="采购明细.xlsx"):
        return SimpleUploadedFile(name, data, content_type="application/octet-stream")

    return make


@pytest.fixture
def five_cooperatives(world):
    """``world`` with three more cooperatives and six products (MOQ 10, ¥20 from 10, ¥18 from 50)
    at each of the five: ``world.records`` lists the 30 stock records, cooperative by cooperative."""
    partners = [world.coop_a, world.coop_b]
    for serial, name in enumerate(
        ["随县茶叶专业合作社", "随县油茶专业合作社", "随县粮油专业合作社"], start=3
    ):
        partners.append(cooperative_make(name, f"coop-{serial}@example.cn", serial)[0])
    world.partners = partners
    world.records = [
        stock(
            partner,
            f"{partner.name[2:-5]}产品{number}",
            price="25.00",
            tiers=[(10, "20.00"), (50, "18.00")],
            sku=f"C{index}P{number}",
        )
        for index, partner in enumerate(partners, start=1)
        for number in range(1, 7)
    ]
    return world
