"""The public page a shopper opens by scanning a batch label."""

import uuid

from django.core.files.base import ContentFile
from django.urls import reverse

from catalog.constants import CertificationKind, CooperativeStatus
from catalog.models import ProductCertification, ProductionBatch
from catalog.traceability.demo import load_batches

from .conftest import make_batch, make_user


def test_trace_page_shows_product_batch_cooperative_area_and_certificates(client, coop_a, area):
    ProductCertification.objects.create(
        product=coop_a.product, kind=CertificationKind.GREEN_FOOD, number="LB-18-2201"
    )
    batch = make_batch(coop_a, "XG-2026-1001", quantity="800", unit="jin")
    batch.inspection_report.save("report.pdf", ContentFile(b"%PDF-1.4 report"), save=True)

    response = client.get(f"/shop/trace/{batch.token}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "随州花菇 500g" in content
    assert coop_a.product.get_absolute_url() in content
    assert "XG-2026-1001" in content
    assert f"{batch.produced_on.year}年{batch.produced_on.month}月{batch.produced_on.day}日" in content
    assert "800 斤" in content
    assert "随县三里岗镇兴农香菇种植专业合作社" in content
    assert "126" in content  # households linked
    assert "三里岗镇香菇小镇安置区" in content
    assert "绿色食品" in content and "LB-18-2201" in content
    assert reverse("traceability:report", kwargs={"token": batch.token}) in content
    assert 'name="viewport"' in content


def test_inspection_report_is_served_from_the_trace_page(client, coop_a):
    batch = make_batch(coop_a, "XG-2026-1001")
    batch.inspection_report.save("report.pdf", ContentFile(b"%PDF-1.4 report"), save=True)

    response = client.get(reverse("traceability:report", kwargs={"token": batch.token}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 report"


def test_batch_without_report_says_so_and_has_no_report_url(client, coop_a):
    batch = make_batch(coop_a, "XG-2026-1001")

    assert "暂未上传" in client.get(f"/shop/trace/{batch.token}/").content.decode()
    assert client.get(reverse("traceability:report", kwargs={"token": batch.token})).status_code == 404


def test_unknown_trace_code_is_not_found(client, db):
    assert client.get(f"/shop/trace/{uuid.uuid4()}/").status_code == 404
    assert client.get(f"/shop/trace/{uuid.uuid4()}/report/").status_code == 404
    assert client.get("/shop/trace/123/").status_code == 404


def test_suspended_cooperatives_batch_stays_traceable_without_a_shop_link(client, coop_a):
    coop_a.profile.status = CooperativeStatus.SUSPENDED
    coop_a.profile.save()
    batch = make_batch(coop_a, "XG-2026-1001")

    content = client.get(f"/shop/trace/{batch.token}/").content.decode()

    assert "XG-2026-1001" in content
    assert "查看商品 / 再次购买" not in content


def test_demo_batches_load_once(coop_a, settings):
    coop_a.product.upc = "WF0101"
    coop_a.product.save()
    make_user("root@wenfu.cn", staff=True).__class__.objects.filter(email="root@wenfu.cn").update(
        is_superuser=True
    )

    first = load_batches()
    second = load_batches()

    assert [batch.pk for batch in first] == [batch.pk for batch in second]
    assert ProductionBatch.objects.count() == 1
    batch = ProductionBatch.objects.get()
    assert batch.batch_number == "XG-2026-1001"
    assert batch.created_by.email == "root@wenfu.cn"  # the demo cooperative account does not exist here
    assert batch.inspection_report.read(4) == b"%PDF"
