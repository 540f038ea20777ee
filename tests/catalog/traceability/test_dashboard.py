"""Cooperatives record their production batches in the dashboard, and only their own."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from catalog.models import ProductionBatch
from tests.factories import PartnerFactory, ProductFactory
from tests.uploads import HTML_BEHIND_PDF_HEADER, pdf_upload, png_bytes

from .conftest import make_batch, make_user

LIST_URL = reverse("dashboard:traceability-batch-list")
CREATE_URL = reverse("dashboard:traceability-batch-create")


def batch_post(product, **overrides):
    data = {
        "product": product.pk,
        "batch_number": "XG-2026-1101",
        "produced_on": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "quantity": "800",
        "unit": "jin",
    }
    data.update(overrides)
    return data


def errors_of(response):
    return " ".join(str(error) for errors in response.context["form"].errors.values() for error in errors)


def test_cooperative_records_a_batch_with_an_inspection_report(client, coop_a):
    client.force_login(coop_a.user)

    response = client.post(CREATE_URL, {**batch_post(coop_a.product), "inspection_report": pdf_upload()})

    batch = ProductionBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:traceability-batch-detail", kwargs={"pk": batch.pk})
    assert (batch.partner, batch.product, batch.created_by) == (coop_a.partner, coop_a.product, coop_a.user)
    assert batch.inspection_report.name.endswith(".pdf")
    page = client.get(response["Location"])
    assert "已登记批次 XG-2026-1101" in page.content.decode()
    assert f"/shop/trace/{batch.token}/" in page.content.decode()


def test_cooperative_lists_only_its_own_batches(client, coop_a, coop_b):
    make_batch(coop_a, "A-0001")
    make_batch(coop_b, "B-0001")
    client.force_login(coop_a.user)

    content = client.get(LIST_URL).content.decode()

    assert "A-0001" in content
    assert "B-0001" not in content
    assert "随县黑木耳" not in content


@pytest.mark.parametrize(
    "url_name, kwargs",
    [
        ("batch-detail", {}),
        ("batch-update", {}),
        ("batch-qr", {"format": "png"}),
        ("batch-qr", {"format": "svg"}),
        ("batch-labels", {"format": "pdf"}),
        ("batch-labels", {"format": "png"}),
    ],
)
def test_cooperative_cannot_open_another_cooperatives_batch(client, coop_a, coop_b, url_name, kwargs):
    theirs = make_batch(coop_b, "B-0001")
    client.force_login(coop_a.user)

    response = client.get(reverse(f"dashboard:traceability-{url_name}", kwargs={"pk": theirs.pk, **kwargs}))

    assert response.status_code == 404


def test_cooperative_cannot_edit_another_cooperatives_batch(client, coop_a, coop_b):
    theirs = make_batch(coop_b, "B-0001")
    client.force_login(coop_a.user)

    response = client.post(
        reverse("dashboard:traceability-batch-update", kwargs={"pk": theirs.pk}),
        batch_post(coop_a.product, batch_number="HIJACKED"),
    )

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.batch_number, theirs.product) == ("B-0001", coop_b.product)


def test_cooperative_cannot_record_a_batch_of_another_cooperatives_product(client, coop_a, coop_b):
    client.force_login(coop_a.user)

    response = client.post(CREATE_URL, batch_post(coop_b.product))

    assert response.status_code == 200
    assert "选择一个有效的选项" in errors_of(response)
    assert not ProductionBatch.objects.exists()
    assert "随县黑木耳" not in response.content.decode()  # not even offered as a choice


def test_cooperative_cannot_move_its_batch_to_another_cooperatives_product(client, coop_a, coop_b):
    batch = make_batch(coop_a, "A-0001")
    client.force_login(coop_a.user)

    response = client.post(
        reverse("dashboard:traceability-batch-update", kwargs={"pk": batch.pk}),
        batch_post(coop_b.product, batch_number="A-0001"),
    )

    assert response.status_code == 200
    batch.refresh_from_db()
    assert batch.product == coop_a.product


def test_cooperative_edits_its_own_batch_and_keeps_the_trace_code(client, coop_a):
    batch = make_batch(coop_a, "A-0001")
    token = batch.token
    client.force_login(coop_a.user)

    response = client.post(
        reverse("dashboard:traceability-batch-update", kwargs={"pk": batch.pk}),
        batch_post(coop_a.product, batch_number="A-0002", quantity="120.5"),
    )

    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.batch_number, str(batch.quantity), batch.token) == ("A-0002", "120.50", token)
    assert batch.created_by == coop_a.user


def test_edit_form_shows_the_batch_as_it_is(client, coop_a):
    batch = make_batch(coop_a, "A-0001", quantity="120.50", unit="jin")
    batch.inspection_report = pdf_upload()
    batch.save()
    client.force_login(coop_a.user)

    response = client.get(reverse("dashboard:traceability-batch-update", kwargs={"pk": batch.pk}))

    form = response.context["form"]
    assert form["batch_number"].value() == "A-0001"
    page = response.content.decode()
    assert 'value="A-0001"' in page
    assert f'value="{batch.produced_on.isoformat()}"' in page
    assert 'value="120.50"' in page
    assert f'<option value="{coop_a.product.pk}" selected>' in page
    assert '<option value="jin" selected>' in page
    assert batch.inspection_report.name in page  # the current report, with a box to clear it


def test_html_behind_a_pdf_header_is_refused_as_an_inspection_report(client, coop_a):
    client.force_login(coop_a.user)
    fake = SimpleUploadedFile("report.pdf", HTML_BEHIND_PDF_HEADER, content_type="application/pdf")

    response = client.post(CREATE_URL, {**batch_post(coop_a.product), "inspection_report": fake})

    assert response.status_code == 200
    assert "文件不是有效的 PDF，或已损坏。" in errors_of(response)
    assert not ProductionBatch.objects.exists()
    assert not any(path.is_file() for path in Path(settings.MEDIA_ROOT).rglob("*"))


def test_replaced_report_is_random_named_and_typed(client, coop_a):
    batch = make_batch(coop_a, "A-0001")
    client.force_login(coop_a.user)
    photo = SimpleUploadedFile("检测报告.html", png_bytes(), content_type="text/html")

    response = client.post(
        reverse("dashboard:traceability-batch-update", kwargs={"pk": batch.pk}),
        {**batch_post(coop_a.product, batch_number="A-0001"), "inspection_report": photo},
    )

    assert response.status_code == 302
    batch.refresh_from_db()
    assert re.fullmatch(r"inspections/[0-9a-f]{32}\.png", batch.inspection_report.name)
    assert batch.inspection_report_content_type == "image/png"


def test_duplicate_batch_number_is_refused_within_a_cooperative_only(client, coop_a, coop_b):
    make_batch(coop_a, "XG-2026-1101")
    client.force_login(coop_a.user)

    response = client.post(CREATE_URL, batch_post(coop_a.product, batch_number=" XG-2026-1101 "))

    assert "本合作社已有相同批次号的批次，请换一个批次号。" in errors_of(response)
    assert ProductionBatch.objects.count() == 1

    client.force_login(coop_b.user)
    response = client.post(CREATE_URL, batch_post(coop_b.product, batch_number="XG-2026-1101"))
    assert response.status_code == 302
    assert ProductionBatch.objects.count() == 2


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"produced_on": "2999-01-01"}, "采收/生产日期不能晚于今天。"),
        ({"quantity": "0"}, "数量必须大于 0。"),
        ({"quantity": "-5"}, "数量必须大于 0。"),
        ({"batch_number": ""}, "必需字段"),
    ],
)
def test_invalid_batch_is_refused_with_a_chinese_message(client, coop_a, overrides, message):
    client.force_login(coop_a.user)

    response = client.post(CREATE_URL, batch_post(coop_a.product, **overrides))

    assert response.status_code == 200
    assert message in errors_of(response)
    assert not ProductionBatch.objects.exists()


def test_inspection_report_must_be_a_pdf_or_a_real_image(client, coop_a):
    client.force_login(coop_a.user)
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a report", content_type="application/pdf")

    response = client.post(CREATE_URL, {**batch_post(coop_a.product), "inspection_report": fake})

    assert "文件不是有效的图片，或已损坏。" in errors_of(response)
    assert not ProductionBatch.objects.exists()


def test_inspection_report_may_be_a_photo(client, coop_a):
    client.force_login(coop_a.user)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="JPEG")
    photo = SimpleUploadedFile("report.jpg", buffer.getvalue(), content_type="image/jpeg")

    response = client.post(CREATE_URL, {**batch_post(coop_a.product), "inspection_report": photo})

    assert response.status_code == 302
    assert ProductionBatch.objects.get().inspection_report.name.endswith(".jpg")


def test_shoppers_and_visitors_cannot_use_the_batch_dashboard(client, db):
    assert client.get(LIST_URL).status_code == 302  # to the login page

    client.force_login(make_user("shopper@example.cn"))
    assert client.get(LIST_URL).status_code == 403
    assert client.post(CREATE_URL, {}).status_code == 403


def test_staff_without_a_cooperative_is_told_so(client, db):
    client.force_login(make_user("lonely@coop.cn", dashboard=True))

    response = client.get(CREATE_URL, follow=True)

    assert "您的账号尚未关联合作社，不能登记批次。" in response.content.decode()


def test_member_of_two_cooperatives_chooses_among_its_own(client, coop_a, coop_b):
    coop_a.partner.users.add(coop_b.user)
    client.force_login(coop_b.user)
    other = PartnerFactory(name="别家合作社")

    page = client.get(CREATE_URL).content.decode()
    assert coop_a.partner.name in page and "别家合作社" not in page

    refused = client.post(CREATE_URL, {**batch_post(coop_a.product), "partner": other.pk})
    assert "选择一个有效的选项" in errors_of(refused)
    mismatched = client.post(CREATE_URL, {**batch_post(coop_a.product), "partner": coop_b.partner.pk})
    assert "只能为本合作社在售的商品登记批次。" in errors_of(mismatched)
    assert not ProductionBatch.objects.exists()

    response = client.post(CREATE_URL, {**batch_post(coop_a.product), "partner": coop_a.partner.pk})
    assert response.status_code == 302
    assert ProductionBatch.objects.get().partner == coop_a.partner


def test_operator_sees_every_batch_and_records_for_any_cooperative(client, coop_a, coop_b, operator):
    make_batch(coop_a, "A-0001")
    make_batch(coop_b, "B-0001")
    client.force_login(operator)

    content = client.get(LIST_URL).content.decode()
    assert "A-0001" in content and "B-0001" in content

    response = client.post(CREATE_URL, {**batch_post(coop_b.product), "partner": coop_b.partner.pk})
    assert response.status_code == 302
    assert ProductionBatch.objects.filter(partner=coop_b.partner, created_by=operator).count() == 1


@pytest.mark.parametrize("count", [5, 50])
def test_batch_list_runs_a_bounded_number_of_queries(client, coop_a, django_assert_max_num_queries, count):
    products = [coop_a.product] + [
        ProductFactory(title=f"香菇{n}", stockrecord__partner=coop_a.partner) for n in range(4)
    ]
    for n in range(count):
        make_batch(coop_a, f"A-{n:04d}", product=products[n % len(products)])
    client.force_login(coop_a.user)

    with django_assert_max_num_queries(14):
        response = client.get(LIST_URL)

    assert response.status_code == 200
    assert response.content.decode().count("/edit/") == min(count, 20)
