"""Demo logins for ``manage.py load_demo``: one account per role of DESIGN.md.

Accounts are looked up by e-mail and only created when missing; an existing account keeps the
password it has, so a second run never undoes a password someone changed on purpose.
"""

import functools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

PASSWORD = "wenfu-demo-2026"
TOURISM_GROUP = "旅游局编辑"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    where: str
    mobile: str | None = None
    first_name: str = ""
    last_name: str = ""
    is_superuser: bool = False
    password: str = PASSWORD


LOGINS = [
    DemoLogin(
        "平台运营",
        "operator@wenfu.cn",
        "/shop/dashboard/, /procurement/, /cms/",
        "13800000000",
        "运营",
        "王",
        is_superuser=True,
    ),
    DemoLogin("消费者", "shopper@wenfu.cn", "/shop/", "13800000001", "小敏", "李"),
    DemoLogin("合作社", "coop@wenfu.cn", "/shop/dashboard/", "13800000002", "德全", "王"),
    DemoLogin("采购员", "buyer@wenfu.cn", "/procurement/", "13800000003", "丽", "陈"),
    DemoLogin("审批人·验收员", "approver@wenfu.cn", "/procurement/", "13800000004", "国强", "刘"),
    DemoLogin("财务", "finance@wenfu.cn", "/procurement/", "13800000006", "会计", "赵"),
    DemoLogin("旅游局编辑", "tourism@wenfu.cn", "/cms/", "13800000005", "文旅", "周"),
]

#: Wagtail page permissions the tourism bureau holds on its sections (and their articles).
TOURISM_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
TOURISM_IMAGE_PERMISSIONS = ["add_image", "choose_image", "change_image"]


def load_users(*, cooperative_partner, tourism_pages):
    """Creates the missing demo accounts and the tourism editors' group; links the cooperative
    account to ``cooperative_partner`` and lets the group edit ``tourism_pages`` only.
    Returns ``LOGINS`` for the caller to print."""
    users = _ensure_users()

    coop_user = users["coop@wenfu.cn"]
    # Oscar's dashboard lets a non-staff user in with this permission and narrows every list to
    # the partners the user belongs to.
    coop_user.user_permissions.add(
        Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    )
    cooperative_partner.users.add(coop_user)

    group = _ensure_tourism_group(tourism_pages)
    users["tourism@wenfu.cn"].groups.add(group)
    return LOGINS


def _ensure_users():
    User = get_user_model()
    existing = User.objects.in_bulk([login.email for login in LOGINS], field_name="email")
    # Hashing is deliberately slow (~0.3 s); one hash serves every demo account as they share
    # the published demo password.
    hash_once = functools.cache(make_password)
    User.objects.bulk_create(
        User(
            email=login.email,
            password=hash_once(login.password),
            mobile=login.mobile,
            first_name=login.first_name,
            last_name=login.last_name,
            is_staff=login.is_superuser,
            is_superuser=login.is_superuser,
            date_joined=timezone.now(),
        )
        for login in LOGINS
        if login.email not in existing
    )
    return User.objects.in_bulk([login.email for login in LOGINS], field_name="email")


def _ensure_tourism_group(tourism_pages):
    group, _ = Group.objects.get_or_create(name=TOURISM_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=TOURISM_PAGE_PERMISSIONS
    )
    for page in tourism_pages:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    root_collection = Collection.get_first_root_node()
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=TOURISM_IMAGE_PERMISSIONS
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )
    return group
