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
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

PASSWORD = "wenfu-demo-2026"
TOURISM_GROUP = "旅游局编辑"
TOURISM_REVIEW_GROUP = "旅游局审核"
#: The image collection of the tourism bureau, under the root collection.
TOURISM_COLLECTION = "旅游局"
TOURISM_WORKFLOW = "旅游局审核"


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
    #: The code of the cooperative (Oscar partner) whose staff this login is.
    cooperative: str | None = None


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
    DemoLogin(
        "合作社",
        "coop@wenfu.cn",
        "/shop/dashboard/",
        "13800000002",
        "德全",
        "王",
        cooperative="sanligang-xingnong",
    ),
    DemoLogin("采购员", "buyer@wenfu.cn", "/procurement/", "13800000003", "丽", "陈"),
    DemoLogin("审批人·验收员", "approver@wenfu.cn", "/procurement/", "13800000004", "国强", "刘"),
    DemoLogin("财务", "finance@wenfu.cn", "/procurement/", "13800000006", "会计", "赵"),
    DemoLogin("工会管理员", "union@wenfu.cn", "/procurement/welfare/", "13800000008", "建国", "孙"),
    DemoLogin("旅游局编辑", "tourism@wenfu.cn", "/cms/", "13800000005", "文旅", "周"),
    DemoLogin("旅游局审核", "tourism-review@wenfu.cn", "/cms/", "13800000007", "审核", "吴"),
    # Every other demo cooperative has its own staff, so each parcel of a demo order can be
    # shipped by the cooperative it belongs to (coop@wenfu.cn is 三里岗兴农's).
    *(
        DemoLogin(
            f"合作社·{town}", f"{code}@wenfu.cn", "/shop/dashboard/", mobile, first, last, cooperative=code
        )
        for code, town, mobile, last, first in [
            ("yindian-lvyuan", "殷店绿源", "13800000012", "刘", "春梅"),
            ("changgang-yunwu", "长岗云雾", "13800000013", "陈", "国平"),
            ("hongshan-baihua", "洪山百花", "13800000014", "李", "明山"),
            ("hongshan-youcha", "洪山油茶", "13800000015", "张", "秀兰"),
            ("wanhe-fengshou", "万和丰收", "13800000016", "周", "建华"),
            ("caodian-gexiang", "草店葛香", "13800000017", "吴", "世英"),
            ("lishan-shennong", "厉山神农", "13800000018", "杨", "光荣"),
            ("xiaolin-jinguo", "小林金果", "13800000019", "赵", "德明"),
        ]
    ),
]

#: Wagtail page permissions on the tourism sections and the pages under them. Editors write but
#: cannot publish: their pages go through the 旅游局审核 workflow, whose reviewers publish.
TOURISM_PAGE_PERMISSIONS = ["add_page", "change_page"]
TOURISM_REVIEW_PAGE_PERMISSIONS = ["change_page", "publish_page"]
#: Image permissions on the tourism collection only: not on the root collection, whose
#: permissions would cascade to every other collection's images.
TOURISM_IMAGE_PERMISSIONS = ["add_image", "choose_image", "change_image"]


def load_users(*, partners, tourism_pages):
    """Creates the missing demo accounts, the tourism editors' and reviewers' groups, their image
    collection and the moderation workflow of ``tourism_pages``; links each cooperative account to
    its partner in ``partners`` (by code; a cooperative not there is left without staff). Editors
    edit ``tourism_pages`` only and submit; reviewers publish. Returns ``LOGINS`` for the caller to
    print."""
    users = _ensure_users()
    _link_cooperative_staff(users, partners)

    collection = _ensure_tourism_collection()
    editors = _ensure_group(TOURISM_GROUP, tourism_pages, TOURISM_PAGE_PERMISSIONS, collection)
    reviewers = _ensure_group(
        TOURISM_REVIEW_GROUP, tourism_pages, TOURISM_REVIEW_PAGE_PERMISSIONS, collection
    )
    users["tourism@wenfu.cn"].groups.add(editors)
    users["tourism-review@wenfu.cn"].groups.add(reviewers)
    _ensure_tourism_workflow(tourism_pages, reviewers)
    return LOGINS


def _link_cooperative_staff(users, partners):
    # Oscar's dashboard lets a non-staff user in with this permission and narrows every list to
    # the partners the user belongs to.
    dashboard_access = Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    for login in LOGINS:
        if login.cooperative in partners:
            user = users[login.email]
            user.user_permissions.add(dashboard_access)
            partners[login.cooperative].users.add(user)


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


def _ensure_tourism_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=TOURISM_COLLECTION).first()
    return existing or root.add_child(name=TOURISM_COLLECTION)


def _ensure_group(name, pages, page_permissions, collection):
    """The group ``name`` with admin access, exactly ``page_permissions`` on ``pages`` (and so on
    the pages below them) and exactly the tourism image permissions on ``collection``. Grants
    beyond these are removed: an earlier demo let editors publish and use the root collection."""
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    page_grants = [
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)[0].pk
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=page_permissions
        )
        for page in pages
    ]
    GroupPagePermission.objects.filter(group=group).exclude(pk__in=page_grants).delete()
    image_grants = [
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )[0].pk
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=TOURISM_IMAGE_PERMISSIONS
        )
    ]
    GroupCollectionPermission.objects.filter(group=group).exclude(pk__in=image_grants).delete()
    return group


def _ensure_tourism_workflow(pages, reviewers):
    """One approval step by ``reviewers``, for ``pages`` and their descendants: an editor's
    "submit for moderation" reaches them, and their approval publishes. Assigned to the sections
    themselves, it takes precedence over Wagtail's default workflow on the root."""
    workflow, _ = Workflow.objects.get_or_create(name=TOURISM_WORKFLOW)
    task = GroupApprovalTask.objects.filter(name=TOURISM_WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TOURISM_WORKFLOW)
    task.groups.add(reviewers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
