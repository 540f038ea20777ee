"""Qualification documents: each cooperative manages its own; expiry warnings go out once."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from catalog.constants import DocumentKind
from catalog.models import QualificationDocument
from catalog.onboarding.services import qualification_documents_warn_expiring
from catalog.onboarding.tasks import qualification_documents_warn_expiring_task
from tests.uploads import pdf_upload

from .conftest import make_cooperative, make_user

DOCUMENTS = "/shop/dashboard/cooperatives/documents/"


def _document(cooperative, *, expires_on=None, kind=DocumentKind.FOOD_PRODUCTION, number="SC11642132100001"):
    return QualificationDocument.objects.create(
        cooperative=cooperative,
        kind=kind,
        number=number,
        expires_on=expires_on,
        file=pdf_upload("permit.pdf"),
    )


@pytest.fixture
def two_cooperatives(db):
    user_a = make_user("a@example.cn")
    user_b = make_user("b@example.cn")
    coop_a = make_cooperative(users=[user_a], name="吉祥寺香菇合作社")
    coop_b = make_cooperative(users=[user_b], name="双河蜂蜜合作社")
    return {"user_a": user_a, "user_b": user_b, "coop_a": coop_a, "coop_b": coop_b}


def test_cooperative_sees_and_uploads_only_its_own_documents(client, two_cooperatives):
    coop_a, coop_b = two_cooperatives["coop_a"], two_cooperatives["coop_b"]
    _document(coop_a, number="SC-A-001")
    _document(coop_b, number="SC-B-002")
    client.force_login(two_cooperatives["user_a"])

    page = client.get(DOCUMENTS).content.decode()
    assert "SC-A-001" in page
    assert "SC-B-002" not in page

    response = client.post(
        DOCUMENTS,
        {
            "cooperative": coop_a.pk,
            "kind": DocumentKind.FOOD_BUSINESS,
            "number": "JY14213210000001",
            "expires_on": "2099-01-01",
            "file": pdf_upload("经营许可证.pdf"),
        },
    )
    assert response.status_code == 302
    assert coop_a.documents.filter(number="JY14213210000001").exists()


def test_another_cooperatives_document_id_is_404(client, two_cooperatives):
    theirs = _document(two_cooperatives["coop_b"])
    client.force_login(two_cooperatives["user_a"])

    assert (
        client.get(reverse("dashboard:onboarding-document-file", kwargs={"pk": theirs.pk})).status_code == 404
    )
    assert (
        client.post(reverse("dashboard:onboarding-document-delete", kwargs={"pk": theirs.pk})).status_code
        == 404
    )
    assert QualificationDocument.objects.filter(pk=theirs.pk).exists()


def test_cooperative_cannot_upload_to_another_cooperative(client, two_cooperatives):
    client.force_login(two_cooperatives["user_a"])

    response = client.post(
        DOCUMENTS,
        {
            "cooperative": two_cooperatives["coop_b"].pk,
            "kind": DocumentKind.OTHER,
            "file": pdf_upload(),
        },
    )

    assert response.status_code == 400
    assert "只能为自己的合作社上传资质文件。" in response.content.decode()
    assert not QualificationDocument.objects.exists()


def test_own_document_can_be_opened_and_deleted(client, two_cooperatives):
    mine = _document(two_cooperatives["coop_a"])
    client.force_login(two_cooperatives["user_a"])

    response = client.get(reverse("dashboard:onboarding-document-file", kwargs={"pk": mine.pk}))
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.post(reverse("dashboard:onboarding-document-delete", kwargs={"pk": mine.pk}))
    assert not QualificationDocument.objects.exists()


def test_expired_document_upload_is_refused(client, two_cooperatives):
    client.force_login(two_cooperatives["user_a"])
    expired = timezone.localdate() - datetime.timedelta(days=3)

    response = client.post(
        DOCUMENTS,
        {
            "cooperative": two_cooperatives["coop_a"].pk,
            "kind": DocumentKind.FOOD_PRODUCTION,
            "expires_on": expired.isoformat(),
            "file": pdf_upload(),
        },
    )

    assert "该证件已过有效期，不能上传过期的资质文件。" in response.content.decode()
    assert not QualificationDocument.objects.exists()


def test_non_image_document_upload_is_refused(client, two_cooperatives):
    client.force_login(two_cooperatives["user_a"])

    response = client.post(
        DOCUMENTS,
        {
            "cooperative": two_cooperatives["coop_a"].pk,
            "kind": DocumentKind.OTHER,
            "file": SimpleUploadedFile("a.png", b"not a picture", "image/png"),
        },
    )

    assert "请上传 PDF 文件或 JPEG、PNG、WebP 格式的图片" in response.content.decode()
    assert not QualificationDocument.objects.exists()


def test_plain_customers_cannot_open_documents(client, db):
    client.force_login(make_user("shopper@example.cn"))

    assert client.get(DOCUMENTS).status_code == 403


def test_operator_sees_every_cooperatives_documents(client, two_cooperatives, operator):
    _document(two_cooperatives["coop_a"], number="SC-A-001")
    _document(two_cooperatives["coop_b"], number="SC-B-002")
    client.force_login(operator)

    page = client.get(DOCUMENTS).content.decode()

    assert "SC-A-001" in page and "SC-B-002" in page


def test_expiry_warning_is_sent_once_to_cooperative_and_operators(two_cooperatives, operator, mailoutbox):
    today = datetime.date(2026, 11, 29)
    coop_a = two_cooperatives["coop_a"]
    expiring = _document(coop_a, expires_on=today + datetime.timedelta(days=20), number="SC-SOON")
    _document(coop_a, expires_on=today + datetime.timedelta(days=90), number="SC-LATER")
    _document(two_cooperatives["coop_b"], expires_on=None, number="SC-FOREVER")

    assert qualification_documents_warn_expiring(today=today) == 1

    # One message each: the cooperative's staff never see the operators' addresses.
    assert sorted(message.to for message in mailoutbox) == sorted([["a@example.cn"], [operator.email]])
    to_cooperative = next(message for message in mailoutbox if message.to == ["a@example.cn"])
    assert operator.email not in to_cooperative.message().as_string()
    assert not to_cooperative.cc and not to_cooperative.bcc
    for message in mailoutbox:
        assert "食品生产许可证" in message.subject and "20 天后到期" in message.subject
        assert "SC-SOON" in message.body
    expiring.refresh_from_db()
    assert expiring.expiry_warning_sent_on == today

    assert qualification_documents_warn_expiring(today=today + datetime.timedelta(days=1)) == 0
    assert len(mailoutbox) == 2


def test_expiry_warning_task_runs_the_service(two_cooperatives, mailoutbox):
    _document(two_cooperatives["coop_b"], expires_on=timezone.localdate() + datetime.timedelta(days=5))

    qualification_documents_warn_expiring_task.delay()
    qualification_documents_warn_expiring_task.delay()

    assert [message.to for message in mailoutbox] == [["b@example.cn"]]
