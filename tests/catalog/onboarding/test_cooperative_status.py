"""The operator suspends a cooperative (with a reason) and reinstates it; both are recorded."""

import pytest
from django.urls import reverse

from catalog.constants import CooperativeStatus
from catalog.onboarding import services
from catalog.onboarding.exceptions import CooperativeStatusUnchanged, ReasonRequired

from .conftest import make_cooperative


@pytest.fixture
def cooperative(db):
    return make_cooperative(name="吉祥寺香菇合作社")


def test_operator_suspends_and_reinstates_a_cooperative(client, operator, cooperative):
    client.force_login(operator)

    response = client.post(
        reverse("dashboard:onboarding-cooperative-suspend", kwargs={"pk": cooperative.pk}),
        {"reason": "食品经营许可证过期未更新"},
        follow=True,
    )

    assert "已暂停“吉祥寺香菇合作社”" in response.content.decode()
    cooperative.refresh_from_db()
    assert cooperative.status == CooperativeStatus.SUSPENDED
    assert cooperative.status_reason == "食品经营许可证过期未更新"
    assert cooperative.status_changed_by == operator
    suspended_at = cooperative.status_changed_at
    assert suspended_at is not None
    page = client.get(reverse("dashboard:onboarding-cooperative-list")).content.decode()
    assert "已暂停" in page and "食品经营许可证过期未更新" in page and "恢复" in page

    client.post(reverse("dashboard:onboarding-cooperative-reinstate", kwargs={"pk": cooperative.pk}))

    cooperative.refresh_from_db()
    assert cooperative.status == CooperativeStatus.ACTIVE
    assert cooperative.status_reason == ""
    assert cooperative.status_changed_by == operator
    assert cooperative.status_changed_at > suspended_at


def test_suspension_requires_a_reason(client, operator, cooperative):
    client.force_login(operator)

    response = client.post(
        reverse("dashboard:onboarding-cooperative-suspend", kwargs={"pk": cooperative.pk}),
        {"reason": "  "},
        follow=True,
    )

    assert (
        "暂停合作社须填写原因。" in response.content.decode()
        or "请填写原因或说明。" in response.content.decode()
    )
    cooperative.refresh_from_db()
    assert cooperative.status == CooperativeStatus.ACTIVE
    with pytest.raises(ReasonRequired):
        services.cooperative_suspend(cooperative=cooperative, by=operator, reason="")


def test_reinstating_an_active_cooperative_is_refused(operator, cooperative):
    with pytest.raises(CooperativeStatusUnchanged):
        services.cooperative_reinstate(cooperative=cooperative, by=operator)


def test_cooperative_list_queries_are_bounded(client, operator, django_assert_max_num_queries):
    for _ in range(15):
        make_cooperative()
    client.force_login(operator)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("dashboard:onboarding-cooperative-list"))

    assert response.content.decode().count("暂停原因（必填）") == 15
