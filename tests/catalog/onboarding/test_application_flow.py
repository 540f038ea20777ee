"""A cooperative applies, the operator asks for changes, the applicant resubmits, the operator
approves: the cooperative can then use the dashboard and got an e-mail in Chinese."""

import pytest
from django.urls import reverse

from catalog.constants import ApplicationStatus, CooperativeStatus, DocumentKind
from catalog.models import ApplicationEvent, CooperativeApplication, CooperativeProfile, QualificationDocument
from catalog.onboarding import services
from catalog.onboarding.exceptions import IllegalTransition, ReasonRequired
from tests.uploads import pdf_upload

from .conftest import cleaned

JOIN = "/shop/join/"


def _detail(application):
    return reverse("dashboard:onboarding-application-detail", kwargs={"pk": application.pk})


def _action(application, name):
    return reverse(f"dashboard:onboarding-application-{name}", kwargs={"pk": application.pk})


def test_visitor_is_asked_to_log_in_or_register_before_applying(client, db):
    response = client.get(JOIN)

    content = response.content.decode()
    assert response.status_code == 200
    assert "/shop/accounts/login/?next=/shop/join/" in content
    assert "注册新账户" in content
    assert 'name="credit_code"' not in content


def test_full_onboarding_flow(
    client, applicant, operator, application_data, mailoutbox, django_capture_on_commit_callbacks
):
    # The applicant applies.
    client.force_login(applicant)
    assert client.get(JOIN).status_code == 200
    data = application_data()
    response = client.post(JOIN, data)
    assert response.status_code == 302
    page = client.get(JOIN).content.decode()
    assert "待审核" in page
    application = CooperativeApplication.objects.get(applicant=applicant)
    assert application.status == ApplicationStatus.SUBMITTED

    # The operator asks for changes, with a reason the applicant reads on the status page.
    client.force_login(operator)
    assert (
        "随县吉祥寺香菇合作社"
        in client.get(reverse("dashboard:onboarding-application-list")).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _action(application, "request-changes"), {"changes-reason": "营业执照照片不清晰，请重新上传。"}
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CHANGES_REQUESTED
    assert "补充修改" in mailoutbox[-1].subject
    assert "营业执照照片不清晰" in mailoutbox[-1].body

    # The applicant edits and resubmits.
    client.force_login(applicant)
    page = client.get(JOIN).content.decode()
    assert "营业执照照片不清晰，请重新上传。" in page
    assert "重新提交申请" in page
    response = client.post(
        JOIN, {**data, "business_license": pdf_upload("清晰版.pdf"), "households_linked": "40"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.households_linked == 40

    # The operator approves.
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_action(application, "approve"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED

    partner = application.partner
    assert partner.name == "随县吉祥寺香菇合作社"
    profile = CooperativeProfile.objects.get(partner=partner)
    assert profile.credit_code == data["credit_code"]
    assert profile.households_linked == 40
    assert profile.status == CooperativeStatus.ACTIVE
    assert list(profile.areas.values_list("pk", flat=True)) == data["areas"]
    license_document = QualificationDocument.objects.get(cooperative=profile)
    assert license_document.kind == DocumentKind.BUSINESS_LICENSE
    assert license_document.file.read().startswith(b"%PDF-")
    assert applicant in partner.users.all()

    approved = mailoutbox[-1]
    assert approved.to == [applicant.email]
    assert "入驻申请已通过" in approved.subject
    assert "商家后台" in approved.body
    assert "/shop/dashboard/" in approved.body

    # The applicant, now cooperative staff, logs in and opens the dashboard.
    client.logout()
    client.force_login(applicant)
    assert client.get("/shop/dashboard/").status_code == 200
    assert "进入商家后台" in client.get(JOIN).content.decode()


def test_each_transition_is_recorded_with_actor_time_and_note(applicant, operator, application_data, areas):
    data = cleaned(application_data())
    application = services.application_submit(applicant=applicant, data=data)
    services.application_request_changes(
        application=application, actor=operator, reason="请补充联农带农协议。"
    )
    services.application_resubmit(application=application, actor=applicant, data=data)
    services.application_approve(application=application, actor=operator)

    events = list(ApplicationEvent.objects.filter(application=application).order_by("pk"))
    assert [(e.from_status, e.to_status, e.actor) for e in events] == [
        ("", ApplicationStatus.SUBMITTED, applicant),
        (ApplicationStatus.SUBMITTED, ApplicationStatus.CHANGES_REQUESTED, operator),
        (ApplicationStatus.CHANGES_REQUESTED, ApplicationStatus.SUBMITTED, applicant),
        (ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED, operator),
    ]
    assert events[1].note == "请补充联农带农协议。"
    assert all(event.created_at is not None for event in events)


def test_review_page_shows_who_did_what_and_when(client, applicant, operator, application_data, areas):
    application = services.application_submit(applicant=applicant, data=cleaned(application_data()))
    services.application_request_changes(application=application, actor=operator, reason="请补充地址门牌号。")
    client.force_login(operator)

    content = client.get(_detail(application)).content.decode()

    assert "李娜" in content  # the applicant, family name first
    assert "王运营" in content
    assert "待审核 → 待补充修改" in content
    assert "请补充地址门牌号。" in content


def test_rejection_requires_a_reason(client, applicant, operator, application_data, mailoutbox):
    client.force_login(applicant)
    client.post(JOIN, application_data())
    application = CooperativeApplication.objects.get()
    client.force_login(operator)

    response = client.post(_action(application, "reject"), {"reject-reason": "   "})

    assert response.status_code == 400
    assert "请填写原因或说明。" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not application.events.filter(to_status=ApplicationStatus.REJECTED).exists()
    with pytest.raises(ReasonRequired):
        services.application_reject(application=application, actor=operator, reason="")


def test_rejection_with_reason_is_shown_to_the_applicant_and_emailed(
    client, applicant, operator, application_data, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    client.post(JOIN, application_data())
    application = CooperativeApplication.objects.get()
    client.force_login(operator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_action(application, "reject"), {"reject-reason": "经营范围不含农产品销售。"})

    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert "未通过" in mailoutbox[-1].subject
    assert "经营范围不含农产品销售。" in mailoutbox[-1].body
    client.force_login(applicant)
    page = client.get(JOIN).content.decode()
    assert "经营范围不含农产品销售。" in page
    assert "重新申请" in page


def test_approving_twice_is_refused_and_creates_one_partner(
    client, applicant, operator, application_data, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    client.post(JOIN, application_data())
    application = CooperativeApplication.objects.get()
    client.force_login(operator)
    client.post(_action(application, "approve"))

    response = client.post(_action(application, "approve"), follow=True)

    assert "不能变为“已通过”" in response.content.decode()
    assert CooperativeProfile.objects.count() == 1
    assert application.events.filter(to_status=ApplicationStatus.APPROVED).count() == 1
    with pytest.raises(IllegalTransition):
        services.application_approve(application=application, actor=operator)


def test_applicant_cannot_approve_their_own_application(applicant_client, application_data):
    applicant_client.post(JOIN, application_data())
    application = CooperativeApplication.objects.get()

    response = applicant_client.post(_action(application, "approve"))

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not CooperativeProfile.objects.exists()


def test_submitted_application_cannot_be_edited_by_the_applicant(applicant_client, application_data):
    applicant_client.post(JOIN, application_data())

    response = applicant_client.post(JOIN, application_data(shop_name="改过的名字"), follow=True)

    assert "这份申请当前不能修改。" in response.content.decode()
    assert CooperativeApplication.objects.get().shop_name == "随县吉祥寺香菇合作社"
