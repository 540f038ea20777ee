"""Licences and qualification documents: only checked PDFs and images are stored, under random
names outside MEDIA_ROOT, and only the access-checked views serve them, sandboxed."""

import re
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.constants import ApplicationStatus, DocumentKind
from catalog.models import CooperativeApplication, CooperativeProfile, QualificationDocument
from catalog.onboarding import services
from tests.uploads import (
    HTML_BEHIND_PDF_HEADER,
    SCRIPT,
    pdf_bytes,
    pdf_upload,
    pdf_with_launch_action,
    png_bytes,
    png_upload,
)

from .conftest import cleaned, make_cooperative, make_user

JOIN = "/shop/join/"
DOCUMENTS = "/shop/dashboard/cooperatives/documents/"


def files_under(root):
    return [path for path in Path(root).rglob("*") if path.is_file()]


def licence_url(application):
    return reverse("dashboard:onboarding-application-license", kwargs={"pk": application.pk})


def document_url(document):
    return reverse("dashboard:onboarding-document-file", kwargs={"pk": document.pk})


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("licence.html", HTML_BEHIND_PDF_HEADER, "文件不是有效的 PDF，或已损坏。"),
        ("licence.pdf", pdf_bytes(javascript="app.alert('pwned')"), "PDF 文件含有脚本或自动执行的操作"),
        ("licence.pdf", pdf_with_launch_action(), "PDF 文件含有脚本或自动执行的操作"),
        ("licence.pdf", pdf_bytes(password="secret"), "PDF 文件已加密，请上传未加密的文件。"),
        ("licence.png", b"<html>" + SCRIPT, "请上传 PDF 文件或 JPEG、PNG、WebP 格式的图片"),
    ],
)
def test_applying_with_a_fake_or_active_pdf_licence_is_refused(
    applicant_client, application_data, name, content, message
):
    upload = SimpleUploadedFile(name, content, "application/pdf")

    response = applicant_client.post(JOIN, application_data(business_license=upload))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CooperativeApplication.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == files_under(settings.PRIVATE_MEDIA_ROOT) == []


def test_real_pdf_licence_is_stored_under_a_random_name_outside_media_root(
    client, applicant_client, application_data
):
    response = applicant_client.post(
        JOIN, application_data(business_license=pdf_upload("licence.html", comment=SCRIPT))
    )

    assert response.status_code == 302
    application = CooperativeApplication.objects.get()
    name = application.business_license.name
    assert re.fullmatch(r"applications/[0-9a-f]{32}\.pdf", name)
    assert application.business_license_content_type == "application/pdf"
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).read_bytes() == pdf_bytes(comment=SCRIPT)
    assert files_under(settings.MEDIA_ROOT) == []
    assert client.get(f"/media/{name}").status_code == 404
    assert not Path(settings.PRIVATE_MEDIA_ROOT).is_relative_to(settings.MEDIA_ROOT)


def test_operator_opens_a_licence_as_a_sandboxed_pdf(client, operator, applicant, application_data):
    application = services.application_submit(
        applicant=applicant,
        data=cleaned(application_data(business_license=pdf_upload("licence.html", comment=SCRIPT))),
    )
    client.force_login(operator)

    response = client.get(licence_url(application))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert re.match(r"inline; filename\*=utf-8\'\'.+\.pdf$", response["Content-Disposition"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert b"".join(response.streaming_content) == pdf_bytes(comment=SCRIPT)


def test_licence_is_for_operators_only(client, applicant, application_data):
    application = services.application_submit(applicant=applicant, data=cleaned(application_data()))

    response = client.get(licence_url(application))
    assert response.status_code == 302  # anonymous: to the login page
    assert response["Location"].startswith(reverse("dashboard:login"))

    client.force_login(applicant)  # not an operator
    assert client.get(licence_url(application)).status_code == 403


def test_approval_copies_the_licence_as_a_private_checked_document(
    client, operator, applicant, application_data
):
    application = services.application_submit(
        applicant=applicant, data=cleaned(application_data(business_license=pdf_upload("x.html")))
    )

    services.application_approve(application=application, actor=operator)

    document = QualificationDocument.objects.get(kind=DocumentKind.BUSINESS_LICENSE)
    assert re.fullmatch(r"qualifications/[0-9a-f]{32}\.pdf", document.file.name)
    assert document.content_type == "application/pdf"
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / document.file.name).read_bytes() == pdf_bytes()
    assert files_under(settings.MEDIA_ROOT) == []

    client.force_login(applicant)  # now a cooperative user: its own documents
    response = client.get(document_url(document))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_qualification_document_photo_is_served_as_the_image_it_was_checked_as(client, db):
    user = make_user("coop@example.cn")
    cooperative = make_cooperative(users=[user])
    client.force_login(user)

    response = client.post(
        DOCUMENTS,
        {
            "cooperative": cooperative.pk,
            "kind": DocumentKind.OTHER,
            "file": SimpleUploadedFile("permit.svg", png_bytes(), "image/svg+xml"),
        },
    )

    assert response.status_code == 302
    document = cooperative.documents.get()
    assert re.fullmatch(r"qualifications/[0-9a-f]{32}\.png", document.file.name)
    served = client.get(document_url(document))
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith("inline;")


def test_html_qualification_document_is_refused(client, db):
    user = make_user("coop@example.cn")
    cooperative = make_cooperative(users=[user])
    client.force_login(user)

    response = client.post(
        DOCUMENTS,
        {
            "cooperative": cooperative.pk,
            "kind": DocumentKind.OTHER,
            "file": SimpleUploadedFile("permit.pdf", HTML_BEHIND_PDF_HEADER, "application/pdf"),
        },
    )

    assert response.status_code == 400
    assert "文件不是有效的 PDF，或已损坏。" in response.content.decode()
    assert not QualificationDocument.objects.exists()
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []


def test_anonymous_visitor_is_sent_to_log_in_for_a_document(client, db):
    cooperative = make_cooperative()
    document = QualificationDocument.objects.create(
        cooperative=cooperative, kind=DocumentKind.OTHER, file=pdf_upload()
    )

    response = client.get(document_url(document))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("dashboard:login"))


def test_migration_moves_existing_documents_out_of_media_root(client, db, operator, applicant):
    """Rows from before the checks: files under MEDIA_ROOT with their uploaded names."""
    media = Path(settings.MEDIA_ROOT)
    cooperative = make_cooperative()
    document = QualificationDocument.objects.create(
        cooperative=cooperative, kind=DocumentKind.OTHER, file=pdf_upload()
    )
    legacy = {
        "qualifications/2026/permit.pdf": pdf_bytes(),
        "applications/2026/licence.html": HTML_BEHIND_PDF_HEADER,
    }
    for name, content in legacy.items():
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(content)
    QualificationDocument.objects.filter(pk=document.pk).update(
        file="qualifications/2026/permit.pdf", content_type=""
    )
    application = CooperativeApplication.objects.create(
        applicant=applicant,
        shop_name="旧申请",
        legal_name="旧申请合作社",
        credit_code=cooperative.credit_code,
        legal_representative="李娜",
        contact_mobile="13972800001",
        address="随县",
        benefit_mechanism="分红",
        business_license=pdf_upload(),
    )
    CooperativeApplication.objects.filter(pk=application.pk).update(
        business_license="applications/2026/licence.html", business_license_content_type=""
    )

    import_module("catalog.migrations.0038_private_checked_documents").documents_move(apps, None)

    document.refresh_from_db()
    application.refresh_from_db()
    assert re.fullmatch(r"qualifications/[0-9a-f]{32}\.pdf", document.file.name)
    assert document.content_type == "application/pdf"
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / document.file.name).read_bytes() == pdf_bytes()
    # The HTML "licence" fails the check: kept for the operator, but only ever downloaded.
    assert re.fullmatch(r"applications/[0-9a-f]{32}", application.business_license.name)
    assert application.business_license_content_type == ""
    assert not (media / "qualifications/2026/permit.pdf").exists()
    assert not (media / "applications/2026/licence.html").exists()
    assert client.get("/media/qualifications/2026/permit.pdf").status_code == 404
    client.force_login(operator)
    response = client.get(licence_url(application))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_private_root_inside_media_root_is_a_configuration_error(settings):
    from catalog.checks import private_media_root_outside_public_roots

    assert private_media_root_outside_public_roots(None) == []

    settings.PRIVATE_MEDIA_ROOT = Path(settings.MEDIA_ROOT) / "private"

    errors = private_media_root_outside_public_roots(None)
    assert [error.id for error in errors] == ["catalogue.E001"]
    assert "营业执照等私密文件会被公开访问" in errors[0].msg


def test_resubmitted_licence_photo_replaces_the_pdf_with_its_own_type(
    client, operator, applicant, application_data
):
    application = services.application_submit(applicant=applicant, data=cleaned(application_data()))
    services.application_request_changes(application=application, actor=operator, reason="请上传照片")
    data = cleaned(application_data(business_license=png_upload("licence.pdf")))

    services.application_resubmit(application=application, actor=applicant, data=data)

    application.refresh_from_db()
    assert re.fullmatch(r"applications/[0-9a-f]{32}\.png", application.business_license.name)
    assert application.business_license_content_type == "image/png"
    client.force_login(operator)
    assert client.get(licence_url(application))["Content-Type"] == "image/png"


def test_approving_an_application_whose_old_licence_fails_the_check_says_why(
    client, operator, applicant, application_data
):
    application = services.application_submit(applicant=applicant, data=cleaned(application_data()))
    legacy = Path(settings.PRIVATE_MEDIA_ROOT) / "applications" / "old"
    legacy.write_bytes(HTML_BEHIND_PDF_HEADER)
    CooperativeApplication.objects.filter(pk=application.pk).update(
        business_license="applications/old", business_license_content_type=""
    )
    client.force_login(operator)

    response = client.post(
        reverse("dashboard:onboarding-application-approve", kwargs={"pk": application.pk}), follow=True
    )

    assert "营业执照文件无法识别为 PDF 或图片，请要求申请人重新上传。" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not QualificationDocument.objects.exists()
    assert not CooperativeProfile.objects.exists()  # the approval was rolled back whole
