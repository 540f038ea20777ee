"""Members and roles: the 管理员 invites by mobile or e-mail, the invitee joins through the
link, roles change, members leave; the last 管理员 stays; nobody reaches another organisation's."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from procurement.constants import Role
from procurement.models import Invitation, Membership
from procurement.portal import SESSION_KEY
from tests.catalog.dashboard.helpers import operator_user

pytestmark = pytest.mark.django_db

MEMBERS = "/procurement/members/"


def invite(client, **data):
    return client.post(MEMBERS, {"mobile": "", "email": "", "roles": ["buyer"], **data})


def test_admin_sees_members_with_roles(client, world):
    client.force_login(world.admin)
    page = client.get(MEMBERS).content.decode()
    assert "approver@example.cn" in page and "审批人" in page and "验收员" in page
    assert "school-buyer@example.cn" not in page


def test_admin_invites_by_mobile_and_sees_the_link_to_copy_without_a_fake_sms(client, world):
    client.force_login(world.admin)
    response = invite(client, mobile="139-0000-3333", roles=["receiver", "finance"])
    assert response.status_code == 302
    invitation = Invitation.objects.get(organisation=world.canteen)
    assert (invitation.mobile, invitation.roles) == ("13900003333", ["receiver", "finance"])
    assert abs(invitation.expires_at - (timezone.now() + datetime.timedelta(days=7))) < datetime.timedelta(
        minutes=1
    )

    page = client.get(response["Location"]).content.decode()
    assert str(invitation.token) in page
    assert "不会向手机号发送短信" in page
    assert mail.outbox == []


def test_an_invitation_by_email_is_sent_with_its_link(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, email="Cook@Example.cn", roles=["buyer"])
    invitation = Invitation.objects.get()
    assert invitation.email == "cook@example.cn"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["cook@example.cn"]
    assert world.canteen.name in mail.outbox[0].subject
    assert f"/procurement/invitations/{invitation.token}/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "请填写被邀请人的手机号或邮箱"),
        ({"mobile": "12345"}, "手机"),
        ({"mobile": "13900003333", "roles": []}, "请至少选择一个角色"),
        ({"mobile": "13900003333", "roles": ["boss"]}, "boss"),
        ({"email": "approver@example.cn"}, "已经是本单位成员"),
    ],
)
def test_bad_invitations_are_refused(client, world, data, message):
    client.force_login(world.admin)
    response = invite(client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["buyer", "approver", "finance"])
def test_a_member_who_is_not_admin_cannot_invite_or_see_the_members_page(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(MEMBERS).status_code == 403
    assert invite(client, mobile="13900003333").status_code == 403
    assert not Invitation.objects.exists()


def test_a_logged_in_user_accepts_and_joins(client, world, newcomer):
    invitation = Invitation.objects.create(
        organisation=world.canteen,
        mobile="13900003333",
        roles=["receiver"],
        invited_by=world.admin,
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    link = reverse("procurement:invitation-accept", kwargs={"token": invitation.token})
    client.force_login(newcomer)
    assert "以“验收员”身份加入" in client.get(link).content.decode()

    response = client.post(link)

    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer)
    assert (membership.organisation, membership.roles) == (world.canteen, ["receiver"])
    invitation.refresh_from_db()
    assert invitation.accepted_by == newcomer and invitation.accepted_at is not None
    assert client.session[SESSION_KEY] == world.canteen.pk


def test_anonymous_invitee_is_offered_login_and_register_with_next(client, world):
    invitation = Invitation.objects.create(
        organisation=world.canteen,
        email="x@example.cn",
        roles=["buyer"],
        invited_by=world.admin,
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    link = reverse("procurement:invitation-accept", kwargs={"token": invitation.token})
    page = client.get(link).content.decode()
    assert f"{reverse('customer:login')}?next={link}" in page
    assert f"{reverse('customer:register')}?next={link}" in page
    response = client.post(link)
    assert response.status_code == 302 and reverse("customer:login") in response["Location"]
    assert not Membership.objects.filter(organisation=world.canteen, user__email="x@example.cn").exists()


@pytest.mark.parametrize(
    ("state", "message", "status"),
    [
        ("expired", "已过期", 400),
        ("used", "已经被使用过了", 400),
    ],
)
def test_expired_or_used_invitations_change_nothing(client, world, newcomer, state, message, status):
    invitation = Invitation.objects.create(
        organisation=world.canteen,
        mobile="13900003333",
        roles=["admin"],
        invited_by=world.admin,
        expires_at=timezone.now() + datetime.timedelta(days=-1 if state == "expired" else 1),
        accepted_at=timezone.now() if state == "used" else None,
    )
    client.force_login(newcomer)
    link = reverse("procurement:invitation-accept", kwargs={"token": invitation.token})
    assert message in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == status
    assert message in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()


@pytest.mark.parametrize("token", ["00000000-0000-0000-0000-000000000000", "not-a-token"])
def test_unknown_tokens_get_a_clear_message(client, newcomer, token):
    client.force_login(newcomer)
    response = client.post(f"/procurement/invitations/{token}/")
    assert response.status_code == 404
    assert "邀请链接无效" in response.content.decode()
    assert not Membership.objects.exists()


def test_an_existing_member_is_told_and_the_invitation_stays_open(client, world):
    invitation = Invitation.objects.create(
        organisation=world.canteen,
        mobile="13900003333",
        roles=["admin"],
        invited_by=world.admin,
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    client.force_login(world.buyer)
    response = client.post(reverse("procurement:invitation-accept", kwargs={"token": invitation.token}))
    assert "你已经是随县机关事务服务中心机关食堂的成员" in response.content.decode()
    assert Membership.objects.get(user=world.buyer, organisation=world.canteen).roles == ["buyer"]
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_user_may_join_a_second_organisation(client, world):
    invitation = Invitation.objects.create(
        organisation=world.school,
        email="Buyer@Example.cn",
        roles=["approver"],
        invited_by=world.other_buyer,
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    client.force_login(world.buyer)
    client.post(reverse("procurement:invitation-accept", kwargs={"token": invitation.token}))
    assert Membership.objects.filter(user=world.buyer).count() == 2


def test_a_forwarded_link_does_not_let_someone_else_join(client, world, newcomer):
    invitation = Invitation.objects.create(
        organisation=world.canteen,
        mobile="13900004444",
        roles=["approver"],
        invited_by=world.admin,
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    client.force_login(newcomer)
    response = client.post(reverse("procurement:invitation-accept", kwargs={"token": invitation.token}))
    assert "这个邀请是发给 139****4444 的" in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_admin_changes_a_members_roles(client, world):
    client.force_login(world.admin)
    membership = Membership.objects.get(user=world.buyer)
    response = client.post(f"/procurement/members/{membership.pk}/edit/", {"roles": ["buyer", "receiver"]})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.roles == ["buyer", "receiver"]


def test_the_last_admin_cannot_lose_the_role_or_be_removed(client, world):
    client.force_login(world.admin)
    own = Membership.objects.get(user=world.admin)
    response = client.post(f"/procurement/members/{own.pk}/edit/", {"roles": ["buyer"]})
    assert response.status_code == 400
    assert "单位至少要有一位管理员" in response.content.decode()
    response = client.post(f"/procurement/members/{own.pk}/remove/", follow=True)
    assert "单位至少要有一位管理员" in response.content.decode()
    own.refresh_from_db()
    assert own.roles == ["admin"]


def test_with_a_second_admin_one_may_step_down(client, world):
    Membership.objects.filter(user=world.approver).update(roles=["approver", "admin"])
    client.force_login(world.admin)
    own = Membership.objects.get(user=world.admin)
    client.post(f"/procurement/members/{own.pk}/remove/")
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_admin_removes_a_member(client, world):
    client.force_login(world.admin)
    membership = Membership.objects.get(user=world.finance)
    response = client.post(f"/procurement/members/{membership.pk}/remove/")
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_another_organisations_member_or_invitation_is_not_found_and_unchanged(client, world):
    other = Membership.objects.get(user=world.other_buyer)
    invitation = Invitation.objects.create(
        organisation=world.school,
        mobile="13900003333",
        roles=["buyer"],
        invited_by=world.other_buyer,
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    client.force_login(world.admin)
    assert client.get(f"/procurement/members/{other.pk}/edit/").status_code == 404
    assert client.post(f"/procurement/members/{other.pk}/edit/", {"roles": ["admin"]}).status_code == 404
    assert client.post(f"/procurement/members/{other.pk}/remove/").status_code == 404
    assert client.get(f"/procurement/members/invitations/{invitation.pk}/").status_code == 404
    other.refresh_from_db()
    assert other.roles == ["buyer", "approver"]


def test_a_buyer_cannot_change_roles_or_remove_members(client, world):
    client.force_login(world.buyer)
    membership = Membership.objects.get(user=world.finance)
    assert client.post(f"/procurement/members/{membership.pk}/edit/", {"roles": ["admin"]}).status_code == 403
    assert client.post(f"/procurement/members/{membership.pk}/remove/").status_code == 403
    membership.refresh_from_db()
    assert membership.roles == [Role.FINANCE.value]


def test_an_operator_manages_the_members_of_the_organisation_they_switched_to(client, world):
    operator = operator_user()
    client.force_login(operator)
    client.post("/procurement/switch/", {"organisation": world.school.pk})
    page = client.get(MEMBERS).content.decode()
    assert "school-buyer@example.cn" in page and "approver@example.cn" not in page
    assert invite(client, mobile="13900005555").status_code == 302
    assert Invitation.objects.get().organisation == world.school
