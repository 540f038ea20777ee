"""The public page a shopper opens by scanning a batch label."""

import uuid
from pathlib import Path

from django.core.files.base import ContentFile
from django.urls import reverse

from catalog.constants import CertificationKind, CooperativeStatus
from catalog.models import ProductCertification, ProductionBatch
from catalog.traceability.demo import load_batches
from tests.factories import ProductImageFactory
from tests.uploads import HTML_BEHIND_PDF_HEADER, SCRIPT, pdf_bytes

from .conftest import make_batch, make_user


def test_trace_page_shows_product_batch_cooperative_area_and_certificates(client, coop_a, area):
    ProductCertification.objects.create(
        product=coop_a.product, kind=CertificationKind.GREEN_FOOD, number="LB-18-2201"
    )
    batch = make_batch(coop_a, "XG-2026-1001", quantity="800", unit="jin")
    batch.inspection_report.save("report.pdf", ContentFile(pdf_bytes()), save=True)

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
    assert ".wf-trace__card {" not in content  # its styles are a static file, which a strict CSP allows
    assert "/static/css/trace.css" in content


def test_inspection_report_is_served_from_the_trace_page_sandboxed(client, coop_a):
    batch = make_batch(coop_a, "XG-2026-1001")
    batch.inspection_report.save("report.html", ContentFile(pdf_bytes(comment=SCRIPT)), save=True)

    response = client.get(reverse("traceability:report", kwargs={"token": batch.token}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"  # what it was checked as, not its name
    assert response["Content-Disposition"].startswith("inline;")
    assert ".pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == pdf_bytes(comment=SCRIPT)
    assert batch.inspection_report.name.endswith(".pdf")


def test_report_stored_before_uploads_were_checked_is_only_downloaded(client, coop_a, settings):
    """A file kept from before the checks whose type could not be confirmed (the migration
    leaves its recorded type empty) is never shown inline."""
    batch = make_batch(coop_a, "XG-2026-1001")
    legacy = Path(settings.MEDIA_ROOT) / "inspections" / "old.html"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(HTML_BEHIND_PDF_HEADER)
    ProductionBatch.objects.filter(pk=batch.pk).update(inspection_report="inspections/old.html")

    response = client.get(reverse("traceability:report", kwargs={"token": batch.token}))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox;")


def test_batch_without_report_says_so_and_has_no_report_url(client, coop_a):
    batch = make_batch(coop_a, "XG-2026-1001")

    assert "暂未上传" in client.get(f"/shop/trace/{batch.token}/").content.decode()
    assert client.get(reverse("traceability:report", kwargs={"token": batch.token})).status_code == 404


def test_unknown_trace_code_is_not_found(client, db):
    assert client.get(f"/shop/trace/{uuid.uuid4()}/").status_code == 404
    assert client.get(f"/shop/trace/{uuid.uuid4()}/report/").status_code == 404
    assert client.get("/shop/trace/123/").status_code == 404


def test_suspended_cooperatives_batch_is_not_shown(client, coop_a):
    """The shop's rule: a suspended cooperative's listings leave every public page."""
    coop_a.profile.status = CooperativeStatus.SUSPENDED
    coop_a.profile.save()
    batch = make_batch(coop_a, "XG-2026-1001")

    response = client.get(f"/shop/trace/{batch.token}/")

    assert response.status_code == 404
    assert "XG-2026-1001" not in response.content.decode()


def test_never_approved_product_is_not_shown_on_its_trace_page(client, coop_a):
    coop_a.product.approved_at = None  # a new listing still waiting for review
    coop_a.product.title = "未经审核的标题"
    coop_a.product.save()
    batch = make_batch(coop_a, "XG-2026-1001")
    batch.inspection_report.save("report.pdf", ContentFile(pdf_bytes()), save=True)

    page = client.get(f"/shop/trace/{batch.token}/")
    report = client.get(reverse("traceability:report", kwargs={"token": batch.token}))

    assert page.status_code == 404
    assert "未经审核的标题" not in page.content.decode()
    assert report.status_code == 404


def test_trace_page_shows_only_approved_images(client, coop_a):
    approved = ProductImageFactory(product=coop_a.product, display_order=1)
    ProductImageFactory(product=coop_a.product, display_order=0, is_approved=False)
    batch = make_batch(coop_a, "XG-2026-1001")

    response = client.get(f"/shop/trace/{batch.token}/")

    images = response.context["product"].images.all()
    assert [image.pk for image in images] == [approved.pk]
    assert response.context["image"] == approved
    assert response.content.decode().count('alt="随州花菇 500g"') == 1


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
