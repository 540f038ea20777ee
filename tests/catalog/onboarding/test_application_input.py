"""Bad input on the application form gets a clear Chinese message and saves nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from catalog.models import CooperativeApplication
from catalog.validators import credit_code_check_char
from tests.uploads import png_upload

from .conftest import make_cooperative, make_user

JOIN = "/shop/join/"


def _post(client, data):
    response = client.post(JOIN, data)
    return response, response.content.decode()


def test_valid_application_with_an_image_licence_is_saved(applicant_client, application_data):
    response, _ = _post(applicant_client, application_data(business_license=png_upload()))

    assert response.status_code == 302
    assert CooperativeApplication.objects.count() == 1


def test_wrong_check_character_is_refused(applicant_client, application_data):
    good = application_data()["credit_code"]
    wrong = good[:17] + ("1" if good[17] != "1" else "2")

    response, content = _post(applicant_client, application_data(credit_code=wrong))

    assert response.status_code == 200
    assert "统一社会信用代码无效" in content
    assert not CooperativeApplication.objects.exists()


def test_credit_code_of_a_company_not_a_cooperative_is_refused(applicant_client, application_data):
    first17 = "91421321MA4C00001"
    company_code = first17 + credit_code_check_char(first17)

    response, content = _post(applicant_client, application_data(credit_code=company_code))

    assert "合作社的代码以 93 开头" in content
    assert not CooperativeApplication.objects.exists()


def test_credit_code_of_an_existing_cooperative_is_refused(applicant_client, application_data):
    cooperative = make_cooperative()

    response, content = _post(applicant_client, application_data(credit_code=cooperative.credit_code))

    assert "该统一社会信用代码已入驻稳富，或已有待处理的入驻申请。" in content
    assert not CooperativeApplication.objects.exists()


def test_credit_code_of_another_open_application_is_refused(client, applicant, application_data):
    other = make_user("other@example.cn")
    client.force_login(other)
    first = application_data()
    assert _post(client, first)[0].status_code == 302

    client.force_login(applicant)
    response, content = _post(client, application_data(credit_code=first["credit_code"].lower()))

    assert "已有待处理的入驻申请" in content
    assert CooperativeApplication.objects.count() == 1


def test_expired_business_licence_is_refused(applicant_client, application_data):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response, content = _post(
        applicant_client, application_data(business_license_expires_on=yesterday.isoformat())
    )

    assert "营业执照已过有效期" in content
    assert not CooperativeApplication.objects.exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("执照.pdf", "这不是 PDF，只是文字。".encode(), "application/pdf"),
        SimpleUploadedFile("license.jpg", b"GIF89a not really an image", "image/jpeg"),
        SimpleUploadedFile("license.exe", b"MZ\x90\x00\x03", "application/octet-stream"),
    ],
    ids=["text-named-pdf", "fake-jpeg", "executable"],
)
def test_licence_that_is_neither_pdf_nor_image_is_refused(applicant_client, application_data, upload):
    response, content = _post(applicant_client, application_data(business_license=upload))

    assert response.status_code == 200
    assert "请上传 PDF 文件或 JPEG、PNG、WebP 格式的图片" in content
    assert not CooperativeApplication.objects.exists()


@pytest.mark.parametrize("mobile", ["1234567", "23800000000", "138000000001", "1380000abcd"])
def test_malformed_mobile_is_refused(applicant_client, application_data, mobile):
    response, content = _post(applicant_client, application_data(contact_mobile=mobile))

    assert "请输入 11 位中国大陆手机号码" in content
    assert not CooperativeApplication.objects.exists()


def test_missing_areas_and_licence_are_named(applicant_client, application_data):
    data = application_data()
    del data["areas"], data["business_license"]

    response, content = _post(applicant_client, data)

    assert "请至少选择一个带动的安置区。" in content
    assert "请上传营业执照。" in content
    assert not CooperativeApplication.objects.exists()
