"""Portal pages of an organisation: registration, its details and settings, members and
invitations, delivery addresses. Views parse input and call ``services``; every object is read
through ``selectors`` scoped to the current organisation, so another organisation's id is a 404."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from ..constants import OrganisationStatus, Role
from ..exceptions import ProcurementError
from ..models import Organisation
from ..portal import OrganisationRequiredMixin, organisation_choose
from ..selectors import memberships_of
from . import selectors, services
from .forms import (
    DeliveryAddressForm,
    InvitationForm,
    MemberRolesForm,
    OrganisationForm,
    OrganisationSettingsForm,
)


def nav_context(user, organisation):
    """Which of the organisation's pages ``user`` may open (the menu offers only those)."""
    return {
        "can_manage_members": selectors.can_manage_members(user, organisation),
        "can_manage_addresses": selectors.can_manage_addresses(user, organisation),
    }


def roles_display(roles):
    return "、".join(str(Role(role).label) for role in roles if role in Role.values)


class RegisterView(LoginRequiredMixin, View):
    """注册采购单位: the organisation's details and its first delivery address."""

    template_name = "procurement/organisations/register.html"

    def get(self, request):
        return self.render(OrganisationForm(), DeliveryAddressForm(prefix="address"))

    def post(self, request):
        form = OrganisationForm(request.POST)
        address_form = DeliveryAddressForm(request.POST, prefix="address")
        if not (form.is_valid() and address_form.is_valid()):
            return self.render(form, address_form, status=400)
        try:
            organisation = services.organisation_register(
                by=request.user, organisation=form.instance, addresses=[address_form.instance]
            )
        except ProcurementError as error:
            form.add_error(None, error.message)
            return self.render(form, address_form, status=400)
        organisation_choose(request, organisation.pk)
        messages.success(request, _("注册信息已提交，平台运营人员审核通过后即可下单。"))
        return redirect("procurement:organisation")

    def render(self, form, address_form, status=200):
        context = {"form": form, "address_form": address_form}
        return render(self.request, self.template_name, context, status=status)


class OrganisationView(OrganisationRequiredMixin, TemplateView):
    """单位信息: status (and the operator's reason), details, and what the user may manage."""

    template_name = "procurement/organisations/organisation.html"

    def get_context_data(self, **kwargs):
        user, organisation = self.request.user, self.organisation
        return super().get_context_data(
            events=organisation.events.select_related("actor"), **nav_context(user, organisation), **kwargs
        )


class PortalPageMixin(OrganisationRequiredMixin):
    def page(self, template_name, status=200, **context):
        """Renders ``template_name`` with the portal bar's context (organisation, switcher)."""
        context = {
            "organisation": self.organisation,
            "membership": self.membership,
            "memberships": memberships_of(self.request.user),
            **nav_context(self.request.user, self.organisation),
            **context,
        }
        return render(self.request, template_name, context, status=status)


class AdminRequiredMixin(PortalPageMixin):
    """Pages of the organisation's 管理员 (or an operator)."""

    def check(self):
        if not selectors.can_manage_members(self.request.user, self.organisation):
            raise PermissionDenied(_("只有单位管理员可以进行此操作。"))

    def get(self, request, *args, **kwargs):
        self.check()
        return self.page_get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.check()
        return self.page_post(request, *args, **kwargs)


class ResubmitView(AdminRequiredMixin, View):
    """修改并重新提交: a rejected organisation's 管理员 corrects the details."""

    template_name = "procurement/organisations/resubmit.html"

    def page_get(self, request):
        if self.organisation.status != OrganisationStatus.REJECTED:
            messages.info(request, _("只有未通过审核的单位需要修改后重新提交。"))
            return redirect("procurement:organisation")
        return self.render(OrganisationForm(instance=self.organisation))

    def page_post(self, request):
        # A copy for the form to change, so a refused post leaves the page's own organisation as saved.
        organisation = get_object_or_404(Organisation, pk=self.organisation.pk)
        form = OrganisationForm(request.POST, instance=organisation)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            services.organisation_resubmit(organisation=form.instance, by=request.user)
        except ProcurementError as error:
            form.add_error(None, error.message)
            return self.render(form, status=400)
        messages.success(request, _("已重新提交，请等待平台审核。"))
        return redirect("procurement:organisation")

    def render(self, form, status=200):
        return self.page(self.template_name, status, form=form)


class SettingsView(AdminRequiredMixin, View):
    """单位设置: contact, bank details, yearly target, the auto-approval amount."""

    template_name = "procurement/organisations/settings.html"

    def page_get(self, request):
        return self.render(OrganisationSettingsForm(instance=self.organisation))

    def page_post(self, request):
        organisation = get_object_or_404(Organisation, pk=self.organisation.pk)  # as for ResubmitView
        form = OrganisationSettingsForm(request.POST, instance=organisation)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            services.organisation_settings_save(
                organisation=self.organisation, by=request.user, **form.settings_values()
            )
        except ProcurementError as error:
            form.add_error(None, error.message)
            return self.render(form, status=400)
        messages.success(request, _("单位设置已保存。"))
        return redirect("procurement:organisation-settings")

    def render(self, form, status=200):
        return self.page(self.template_name, status, form=form)


# --- Members and invitations --------------------------------------------------------------------


class MemberListView(AdminRequiredMixin, View):
    """成员管理: members with their roles, open invitations and the invitation form."""

    template_name = "procurement/organisations/member_list.html"

    def page_get(self, request):
        return self.render(InvitationForm())

    def page_post(self, request):
        form = InvitationForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            invitation = services.membership_invite(
                organisation=self.organisation,
                by=request.user,
                roles=form.cleaned_data["roles"],
                mobile=form.cleaned_data["mobile"],
                email=form.cleaned_data["email"],
            )
        except ProcurementError as error:
            form.add_error(None, error.message)
            return self.render(form, status=400)
        return redirect("procurement:invitation-detail", pk=invitation.pk)

    def render(self, form, status=200):
        user, organisation = self.request.user, self.organisation
        return self.page(
            self.template_name,
            status,
            members=selectors.members_of(user, organisation),
            invitations=selectors.invitations_of(user, organisation).filter(accepted_at__isnull=True),
            form=form,
        )


class InvitationDetailView(AdminRequiredMixin, View):
    """The invitation just made: the link to copy (no SMS is sent from here)."""

    def page_get(self, request, pk):
        invitation = get_object_or_404(selectors.invitations_of(request.user, self.organisation), pk=pk)
        return self.page(
            "procurement/organisations/invitation_detail.html",
            invitation=invitation,
            url=services.invitation_url(invitation),
            roles=roles_display(invitation.roles),
        )


class MemberEditView(AdminRequiredMixin, View):
    """修改角色 of one member."""

    template_name = "procurement/organisations/member_form.html"

    def member(self, pk):
        return get_object_or_404(selectors.members_of(self.request.user, self.organisation), pk=pk)

    def page_get(self, request, pk):
        member = self.member(pk)
        return self.render(member, MemberRolesForm(initial={"roles": member.roles}))

    def page_post(self, request, pk):
        member = self.member(pk)
        form = MemberRolesForm(request.POST)
        if not form.is_valid():
            return self.render(member, form, status=400)
        try:
            services.membership_roles_set(
                membership=member, by=request.user, roles=form.cleaned_data["roles"]
            )
        except ProcurementError as error:
            form.add_error(None, error.message)
            return self.render(member, form, status=400)
        messages.success(
            request, _("已更新%(name)s的角色。") % {"name": member.user.get_full_name() or member.user}
        )
        return redirect("procurement:member-list")

    def render(self, member, form, status=200):
        return self.page(self.template_name, status, member=member, form=form)


class MemberRemoveView(AdminRequiredMixin, View):
    """移除成员 (POST)."""

    http_method_names = ["post"]

    def page_post(self, request, pk):
        member = get_object_or_404(selectors.members_of(request.user, self.organisation), pk=pk)
        try:
            services.membership_remove(membership=member, by=request.user)
        except ProcurementError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("已移除成员 %(name)s。") % {"name": member.user.get_full_name() or member.user}
            )
        return redirect("procurement:member-list")


class InvitationAcceptView(View):
    """接受邀请: anyone with the link sees what it is; a logged-in user joins by posting."""

    template_name = "procurement/organisations/invitation_accept.html"

    def get(self, request, token):
        invitation = selectors.invitation_by_token(token)
        return self.render(invitation, status=200 if invitation else 404)

    def post(self, request, token):
        invitation = selectors.invitation_by_token(token)
        if invitation is None:
            return self.render(None, status=404)
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        try:
            services.invitation_accept(invitation=invitation, by=request.user)
        except ProcurementError as error:
            return self.render(invitation, error=error.message, status=400)
        organisation_choose(request, invitation.organisation_id)
        messages.success(request, _("你已加入%(org)s。") % {"org": invitation.organisation.name})
        return redirect("procurement:organisation")

    def render(self, invitation, *, error="", status=200):
        context = {
            "invitation": invitation,
            "error": error,
            "expired": invitation is not None and invitation.expires_at <= timezone.now(),
            "roles": roles_display(invitation.roles) if invitation else "",
        }
        return render(self.request, self.template_name, context, status=status)


# --- Delivery addresses -------------------------------------------------------------------------


class AddressMixin(PortalPageMixin):
    """Pages of the 管理员 and the 采购员 (or an operator)."""

    def check(self):
        if not selectors.can_manage_addresses(self.request.user, self.organisation):
            raise PermissionDenied(_("只有单位管理员或采购员可以管理收货地址。"))

    def address(self, pk):
        return get_object_or_404(selectors.addresses_of(self.request.user, self.organisation), pk=pk)


class AddressListView(AddressMixin, View):
    def get(self, request):
        self.check()
        return self.page(
            "procurement/organisations/address_list.html",
            addresses=selectors.addresses_of(request.user, self.organisation),
        )


class AddressFormView(AddressMixin, View):
    """新增 or 修改 a delivery address."""

    template_name = "procurement/organisations/address_form.html"

    def get(self, request, pk=None):
        self.check()
        instance = self.address(pk) if pk else None
        return self.render(DeliveryAddressForm(instance=instance), instance)

    def post(self, request, pk=None):
        self.check()
        instance = self.address(pk) if pk else None
        form = DeliveryAddressForm(request.POST, instance=instance)
        if not form.is_valid():
            return self.render(form, instance, status=400)
        try:
            services.delivery_address_save(
                organisation=self.organisation, by=request.user, address=form.instance
            )
        except ProcurementError as error:
            form.add_error(None, error.message)
            return self.render(form, instance, status=400)
        messages.success(request, _("收货地址已保存。"))
        return redirect("procurement:address-list")

    def render(self, form, instance, status=200):
        return self.page(self.template_name, status, form=form, address=instance)


class AddressActiveView(AddressMixin, View):
    """停用 / 启用 a delivery address (POST)."""

    http_method_names = ["post"]
    activate = False

    def post(self, request, pk):
        self.check()
        address = self.address(pk)
        try:
            if self.activate:
                services.delivery_address_activate(address=address, by=request.user)
                messages.success(request, _("已启用收货地址 %(label)s。") % {"label": address.label})
            else:
                services.delivery_address_deactivate(address=address, by=request.user)
                messages.success(request, _("已停用收货地址 %(label)s。") % {"label": address.label})
        except ProcurementError as error:
            messages.error(request, error.message)
        return redirect("procurement:address-list")
