"""Only operators (staff) open the review pages and act on applications and cooperatives."""

import pytest
from django.urls import reverse

from catalog.constants import ApplicationStatus, CooperativeStatus
from catalog.models import CooperativeApplication
from catalog.onboarding import services

from .conftest import cleaned, make_cooperative, make_user


@pytest.fixture
def application(applicant, application_data, areas):
    return services.application_submit(applicant=applicant, data=cleaned(application_data()))


def _review_urls(application, cooperative):
    pk = {"pk": application.pk}
    return [
        reverse("dashboard:onboarding-application-list"),
        reverse("dashboard:onboarding-application-detail", kwargs=pk),
        reverse("dashboard:onboarding-application-license", kwargs=pk),
        reverse("dashboard:onboarding-cooperative-list"),
    ], [
        (reverse("dashboard:onboarding-application-approve", kwargs=pk), {}),
        (reverse("dashboard:onboarding-application-reject", kwargs=pk), {"reject-reason": "不行"}),
        (reverse("dashboard:onboarding-application-request-changes", kwargs=pk), {"changes-reason": "改"}),
        (
            reverse("dashboard:onboarding-cooperative-suspend", kwargs={"pk": cooperative.pk}),
            {"reason": "停"},
        ),
    ]


def test_non_staff_users_cannot_open_review_pages_or_act(client, applicant, application):
    cooperative_user_client = client
    cooperative = make_cooperative(users=[applicant])
    cooperative_user_client.force_login(applicant)
    pages, actions = _review_urls(application, cooperative)

    for url in pages:
        assert cooperative_user_client.get(url).status_code == 403, url
    for url, data in actions:
        assert cooperative_user_client.post(url, data).status_code == 403, url

    application.refresh_from_db()
    cooperative.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert cooperative.status == CooperativeStatus.ACTIVE


def test_anonymous_visitors_are_sent_to_log_in(client, application):
    cooperative = make_cooperative()
    pages, actions = _review_urls(application, cooperative)

    for url in pages + [url for url, _ in actions]:
        response = client.get(url) if url in pages else client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/shop/dashboard/login/")
    assert CooperativeApplication.objects.get().status == ApplicationStatus.SUBMITTED


def test_operator_filters_applications_by_status(client, operator, application, application_data, areas):
    other = services.application_submit(
        applicant=make_user("honey@example.cn"),
        data=cleaned(application_data(shop_name="双河蜂蜜合作社", areas=[areas[1].pk])),
    )
    services.application_reject(application=other, actor=operator, reason="材料不全")
    client.force_login(operator)
    url = reverse("dashboard:onboarding-application-list")

    submitted = client.get(url, {"status": "submitted"}).content.decode()
    rejected = client.get(url, {"status": "rejected"}).content.decode()

    assert "随县吉祥寺香菇合作社" in submitted and "双河蜂蜜合作社" not in submitted
    assert "双河蜂蜜合作社" in rejected and "随县吉祥寺香菇合作社" not in rejected


def test_application_list_queries_are_bounded(
    client, operator, application_data, areas, django_assert_max_num_queries
):

    for number in range(12):
        user = make_user(f"applicant{number}@example.cn")
        services.application_submit(
            applicant=user, data=cleaned(application_data(areas=[area.pk for area in areas]))
        )
    client.force_login(operator)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("dashboard:onboarding-application-list"))

    assert response.content.decode().count("随县吉祥寺香菇合作社") == 12
