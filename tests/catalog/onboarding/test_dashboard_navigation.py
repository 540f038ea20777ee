"""The dashboard menu entries proposed for ``OSCAR_DASHBOARD_NAVIGATION`` show each user only
the onboarding pages they may open."""

import copy

import pytest
from oscar import defaults

from catalog.onboarding.access import documents_access_fn, operator_access_fn

from .conftest import make_cooperative, make_user

COOPERATIVES_MENU = {
    "label": "合作社",
    "icon": "fas fa-users",
    "children": [
        {
            "label": "入驻申请",
            "url_name": "onboarding-dashboard:application-list",
            "access_fn": operator_access_fn,
        },
        {
            "label": "合作社管理",
            "url_name": "onboarding-dashboard:cooperative-list",
            "access_fn": operator_access_fn,
        },
        {
            "label": "资质文件",
            "url_name": "onboarding-dashboard:document-list",
            "access_fn": documents_access_fn,
        },
    ],
}


@pytest.fixture(autouse=True)
def _menu(settings):
    settings.OSCAR_DASHBOARD_NAVIGATION = [
        *copy.deepcopy(defaults.OSCAR_DASHBOARD_NAVIGATION),
        COOPERATIVES_MENU,
    ]


def test_operator_sees_all_onboarding_entries(client, operator):
    client.force_login(operator)

    content = client.get("/shop/dashboard/").content.decode()

    assert "/shop/dashboard/cooperatives/applications/" in content
    assert "/shop/dashboard/cooperatives/documents/" in content


def test_cooperative_user_sees_only_its_documents_entry(client, db):
    user = make_user("coop@example.cn")
    make_cooperative(users=[user])
    client.force_login(user)

    content = client.get("/shop/dashboard/").content.decode()

    assert "/shop/dashboard/cooperatives/documents/" in content
    assert "/shop/dashboard/cooperatives/applications/" not in content
