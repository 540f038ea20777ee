"""The union's roster: imported from Excel all or nothing, edited by hand, its own only."""

import pytest
from django.urls import reverse

from procurement.campaigns.models import UnionMember
from tests.procurement.campaigns.conftest import mobile_of, roster_file


def admin_client(client, union):
    client.force_login(union.admin)
    return client


@pytest.mark.django_db
def test_a_200_member_roster_is_imported_and_listed(client, union):
    rows = [(f"会员{n}", mobile_of(n), f"第{n % 5 + 1}科", f"G{n:04d}") for n in range(1, 201)]
    rows[0] = ("张三", "138 0000 0001", "办公室", 1001)  # spaces in the number, a numeric 工号

    response = admin_client(client, union).post(
        reverse("procurement:welfare-roster"), {"action": "import", "file": roster_file(rows)}, follow=True
    )

    page = response.content.decode()
    assert "名册已导入：新增 200 人，更新 0 人。" in page
    assert "共 200 人" in page
    first = UnionMember.objects.get(organisation=union.organisation, mobile="13800000001")
    assert (first.name, first.department, first.staff_number) == ("张三", "办公室", "1001")


@pytest.mark.django_db
def test_a_roster_with_bad_rows_lists_every_problem_and_imports_nothing(client, union):
    rows = [
        ("李四", "13800000001", "财务科", ""),
        ("", "13800000002", "财务科", ""),  # no name
        ("王五", "1380000", "", ""),  # too short
        ("赵六", "13800000001", "", ""),  # the same mobile as row 2
        ("钱七", "", "", ""),
    ]

    response = admin_client(client, union).post(
        reverse("procurement:welfare-roster"), {"action": "import", "file": roster_file(rows)}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "有 4 处问题，名册没有导入" in page
    assert "第 3 行：缺少姓名" in page
    assert "第 4 行：手机号“1380000”不是 11 位大陆手机号" in page
    assert "第 5 行：手机号 13800000001 与第 2 行重复" in page
    assert "第 6 行：缺少手机号" in page
    assert not UnionMember.objects.exists()


@pytest.mark.django_db
def test_a_file_that_is_not_a_roster_is_refused(client, union):
    wrong_header = roster_file([("李四", "13800000001")], header=("名字", "电话"))
    response = admin_client(client, union).post(
        reverse("procurement:welfare-roster"), {"action": "import", "file": wrong_header}
    )
    assert "表头不对：第一行应依次为 姓名、手机号、部门、工号。" in response.content.decode()
    assert not UnionMember.objects.exists()


@pytest.mark.django_db
def test_importing_again_updates_members_by_mobile(client, union, roster):
    roster(3)
    rows = [("会员一", mobile_of(1), "工会办", "X1"), ("新会员", mobile_of(9), "", "")]

    admin_client(client, union).post(
        reverse("procurement:welfare-roster"), {"action": "import", "file": roster_file(rows)}
    )

    assert UnionMember.objects.filter(organisation=union.organisation).count() == 4
    assert UnionMember.objects.get(mobile=mobile_of(1)).department == "工会办"


@pytest.mark.django_db
def test_a_member_is_edited_and_a_duplicate_mobile_refused(client, union, roster):
    first, second = roster(2)
    client = admin_client(client, union)
    url = reverse("procurement:welfare-member", args=[first.pk])

    refused = client.post(
        url, {"name": "会员1", "mobile": second.mobile, "department": "", "staff_number": ""}
    )
    assert f"名册中已有手机号为 {second.mobile} 的会员。" in refused.content.decode()

    client.post(url, {"name": "刘一", "mobile": "13912345678", "department": "工会办", "staff_number": "A1"})
    first.refresh_from_db()
    assert (first.name, first.mobile) == ("刘一", "13912345678")

    client.post(url, {"action": "deactivate"})
    first.refresh_from_db()
    assert not first.is_active


@pytest.mark.django_db
def test_another_organisations_roster_is_not_reachable(client, union, roster, world):
    (someone,) = roster(1)
    client.force_login(world.admin)  # 管理员 of the canteen, not of the union

    assert client.get(reverse("procurement:welfare-member", args=[someone.pk])).status_code == 404
    response = client.post(reverse("procurement:welfare-roster"), {"name": "X", "mobile": "13912345678"})
    assert response.status_code == 403
    assert "工会福利活动由工会开展" in client.get(reverse("procurement:welfare")).content.decode()
    assert UnionMember.objects.count() == 1


@pytest.mark.django_db
def test_a_member_without_the_admin_role_cannot_change_the_roster(client, union):
    client.force_login(union.finance)
    response = client.post(reverse("procurement:welfare-roster"), {"name": "X", "mobile": "13912345678"})
    assert response.status_code == 403
    assert not UnionMember.objects.exists()
