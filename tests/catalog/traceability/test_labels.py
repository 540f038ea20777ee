"""A batch's QR code opens its public trace page, and its labels print."""

import io
import re

import pytest
import segno
from django.urls import reverse
from PIL import Image

from catalog.traceability.labels import PNG_SIZE

from .conftest import make_batch


def dashboard_url(name, batch, format):
    return reverse(f"dashboard:traceability-{name}", kwargs={"pk": batch.pk, "format": format})


SITE_URL = "https://wenfu.example.cn"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


def trace_url(batch):
    return f"{SITE_URL}/shop/trace/{batch.token}/"


def dark(image, x, y):
    return image.getpixel((x, y)) < 128


def test_qr_png_encodes_the_public_trace_url_on_site_url_not_the_requests_host(client, coop_a):
    batch = make_batch(coop_a, "A-0001")
    client.force_login(coop_a.user)

    # Printed from the dashboard reached at another address (a staging host, or a forged Host).
    response = client.get(dashboard_url("batch-qr", batch, "png"), HTTP_HOST="127.0.0.1:8000")

    assert response["Content-Type"] == "image/png"
    # Read the served image module by module and compare with the symbol of the expected URL.
    expected = segno.make(trace_url(batch), error="m")
    modules = expected.symbol_size(border=0)[0]
    image = Image.open(io.BytesIO(response.content)).convert("L")
    scale = image.width // expected.symbol_size(border=4)[0]
    assert image.width == image.height == (modules + 8) * scale
    served = [
        [
            image.getpixel(((4 + column) * scale + scale // 2, (4 + row) * scale + scale // 2)) < 128
            for column in range(modules)
        ]
        for row in range(modules)
    ]
    assert served == [[bool(value) for value in row] for row in expected.matrix]


def test_qr_svg_is_served(client, coop_a):
    batch = make_batch(coop_a, "A-0001")
    client.force_login(coop_a.user)

    response = client.get(dashboard_url("batch-qr", batch, "svg"))

    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def test_label_sheet_pdf_prints_the_requested_copies(client, coop_a):
    batch = make_batch(coop_a, "A-0001")
    client.force_login(coop_a.user)
    url = dashboard_url("batch-labels", batch, "pdf")

    one_sheet = client.get(url)
    two_sheets = client.get(url, {"copies": 30})

    assert one_sheet["Content-Type"] == "application/pdf"
    assert one_sheet.content.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b(?!s)", one_sheet.content)) == 1
    assert len(re.findall(rb"/Type /Page\b(?!s)", two_sheets.content)) == 2
    assert b"STSong-Light" in one_sheet.content  # Chinese text, readable without a shipped font


def test_label_sheet_png_is_an_a4_page_at_300_dpi(client, coop_a):
    batch = make_batch(coop_a, "A-0001")
    client.force_login(coop_a.user)

    response = client.get(
        dashboard_url("batch-labels", batch, "png"),
        {"copies": 3},
    )

    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.size == PNG_SIZE == (2480, 3508)


def test_label_sheet_with_bad_copies_says_why(client, coop_a):
    batch = make_batch(coop_a, "A-0001")
    client.force_login(coop_a.user)

    response = client.get(
        dashboard_url("batch-labels", batch, "pdf"),
        {"copies": 0},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse(
        "dashboard:traceability-batch-detail", kwargs={"pk": batch.pk}
    )
    assert "份数无效" in response.content.decode()


def test_operator_may_print_any_cooperatives_labels(client, coop_b, operator):
    batch = make_batch(coop_b, "B-0001")
    client.force_login(operator)

    response = client.get(dashboard_url("batch-labels", batch, "pdf"))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
