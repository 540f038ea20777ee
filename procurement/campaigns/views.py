"""The union's welfare pages in the portal (``/procurement/welfare/``): the roster, the
campaigns and each campaign's live figures and settlement. Views parse input and call
``services``; every object is read through ``selectors`` scoped to the current organisation, so
another organisation's id is a 404."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from procurement.constants import OrganisationKind, Role
from procurement.exceptions import NotPermitted, ProcurementError
from procurement.imports.workbook import WorkbookRefused
from procurement.portal import OrganisationRequiredMixin
from procurement.selectors import delivery_addresses_for, user_has_role

from . import packs, selectors, services
from .forms import (
    CampaignForm,
    GiftPackForm,
    MemberForm,
    PackAddressForm,
    PackChoiceForm,
    PackOrderForm,
    RosterUploadForm,
)
from .models import CampaignMode, CampaignStatus, PackDelivery
from .roster import roster_read, roster_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROSTER_PAGE_SIZE = 100


def _errors_to_form(form, error):
    """A service's ``ValidationError`` (by field) onto ``form``."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class WelfareMixin(OrganisationRequiredMixin):
    """A page of the current organisation's welfare, which only a union has."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            is_union=self.organisation.kind == OrganisationKind.UNION,
            can_manage=self.can_manage(),
            **kwargs,
        )

    def can_manage(self):
        return self.organisation.kind == OrganisationKind.UNION and user_has_role(
            self.request.user, self.organisation, Role.ADMIN
        )

    def manage_require(self):
        if not self.can_manage():
            raise PermissionDenied(_("只有工会管理员可以管理会员名册和福利活动。"))


class WelfareHomeView(WelfareMixin, TemplateView):
    """工会福利: the campaigns and the roster's size."""

    template_name = "procurement/campaigns/home.html"

    def get_context_data(self, **kwargs):
        user, organisation = self.request.user, self.organisation
        campaigns = selectors.campaigns_for(user, organisation)
        return super().get_context_data(
            campaigns=[(campaign, selectors.figures_of(campaign)) for campaign in campaigns],
            roster_count=selectors.roster_for(user, organisation).filter(is_active=True).count(),
            member_cap=services.member_cap(organisation),
            **kwargs,
        )


class RosterView(WelfareMixin, View):
    """会员名册: the members, one added by hand, and the Excel import (all or nothing)."""

    template_name = "procurement/campaigns/roster.html"

    def get(self, request):
        return self.render(MemberForm(), RosterUploadForm())

    def post(self, request):
        self.manage_require()
        if "file" in request.FILES or request.POST.get("action") == "import":
            return self.import_roster()
        form = MemberForm(request.POST)
        if form.is_valid():
            try:
                services.member_save(organisation=self.organisation, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("已添加会员 %(name)s。") % {"name": form.cleaned_data["name"]})
                return redirect("procurement:welfare-roster")
        return self.render(form, RosterUploadForm(), status=400)

    def import_roster(self):
        upload = RosterUploadForm(self.request.POST, self.request.FILES)
        problems = []
        if upload.is_valid():
            try:
                rows, problems = roster_read(upload.cleaned_data["file"])
            except WorkbookRefused as error:
                upload.add_error("file", error.message)
            else:
                if not problems:
                    added, updated = services.roster_import(
                        organisation=self.organisation, by=self.request.user, rows=rows
                    )
                    messages.success(
                        self.request,
                        _("名册已导入：新增 %(added)s 人，更新 %(updated)s 人。")
                        % {"added": added, "updated": updated},
                    )
                    return redirect("procurement:welfare-roster")
        return self.render(MemberForm(), upload, problems=problems, status=400)

    def render(self, form, upload, *, problems=(), status=200):
        user, organisation = self.request.user, self.organisation
        query = self.request.GET.get("q", "")
        members = selectors.roster_search(selectors.roster_for(user, organisation), query)
        paginator = Paginator(members.order_by("-is_active", "department", "name", "pk"), ROSTER_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        context = {
            "organisation": organisation,
            "membership": self.membership,
            "is_union": organisation.kind == OrganisationKind.UNION,
            "can_manage": self.can_manage(),
            "members": page.object_list,
            "paginator": paginator,
            "page_obj": page,
            "query": query,
            "form": form,
            "upload": upload,
            "problems": problems,
        }
        return render(self.request, self.template_name, context, status=status)


class RosterTemplateView(WelfareMixin, View):
    """The roster as Excel: the template, filled with the members already on it."""

    def get(self, request):
        members = selectors.roster_for(request.user, self.organisation).filter(is_active=True)
        response = HttpResponse(roster_template(members), content_type=XLSX)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('会员名册.xlsx')}"
        return response


class MemberEditView(WelfareMixin, View):
    template_name = "procurement/campaigns/member_form.html"

    def get_member(self, pk):
        return get_object_or_404(selectors.roster_for(self.request.user, self.organisation), pk=pk)

    def get(self, request, pk):
        member = self.get_member(pk)
        return self.render(member, MemberForm(instance=member))

    def post(self, request, pk):
        self.manage_require()
        member = self.get_member(pk)
        if request.POST.get("action") in ("deactivate", "activate"):
            services.member_active_set(
                member=member, by=request.user, active=request.POST["action"] == "activate"
            )
            return redirect("procurement:welfare-roster")
        form = MemberForm(request.POST, instance=member)
        if form.is_valid():
            try:
                services.member_save(
                    organisation=self.organisation, by=request.user, member=member, **form.cleaned_data
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("会员信息已保存。"))
                return redirect("procurement:welfare-roster")
        return self.render(member, form, status=400)

    def render(self, member, form, status=200):
        context = {
            "organisation": self.organisation,
            "membership": self.membership,
            "member": member,
            "form": form,
        }
        return render(self.request, self.template_name, context, status=status)


class CampaignFormView(WelfareMixin, View):
    """A new campaign, or a draft's details changed."""

    template_name = "procurement/campaigns/campaign_form.html"

    def get_campaign(self, pk):
        if pk is None:
            return None
        return get_object_or_404(selectors.campaigns_for(self.request.user, self.organisation), pk=pk)

    def get(self, request, pk=None):
        self.manage_require()
        campaign = self.get_campaign(pk)
        return self.render(campaign, CampaignForm(instance=campaign, addresses=self.addresses()))

    def addresses(self):
        return delivery_addresses_for(self.request.user, self.organisation)

    def post(self, request, pk=None):
        self.manage_require()
        campaign = self.get_campaign(pk)
        form = CampaignForm(request.POST, instance=campaign, addresses=self.addresses())
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in CampaignForm._meta.fields}
            try:
                campaign = services.campaign_save(
                    organisation=self.organisation, by=request.user, campaign=campaign, **fields
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            except ProcurementError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("活动已保存。"))
                return redirect("procurement:welfare-campaign", pk=campaign.pk)
        return self.render(campaign, form, status=400)

    def render(self, campaign, form, status=200):
        context = {
            "organisation": self.organisation,
            "membership": self.membership,
            "campaign": campaign,
            "form": form,
            "member_cap": services.member_cap(self.organisation),
        }
        return render(self.request, self.template_name, context, status=status)


class CampaignDetailView(WelfareMixin, TemplateView):
    """A campaign, live: members, codes sent, vouchers redeemed, unused value, the settlement
    per cooperative; and its actions (发放, 重新发送)."""

    template_name = "procurement/campaigns/campaign_detail.html"

    def get_campaign(self):
        return get_object_or_404(
            selectors.campaigns_for(self.request.user, self.organisation).select_related("organisation"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, order_form=None, **kwargs):
        campaign = self.get_campaign()
        budget_needed, roster_count = services.campaign_budget_needed(campaign)
        context = {
            "campaign": campaign,
            "settlement": selectors.campaign_settlement(campaign),
            "budget_needed": budget_needed,
            "roster_count": roster_count,
            "is_draft": campaign.status == CampaignStatus.DRAFT,
        }
        if campaign.mode == CampaignMode.GIFT_PACKS:
            context.update(
                packs=[(pack, packs.pack_price(pack)) for pack in packs.packs_of(campaign)],
                max_packs=packs.MAX_PACKS,
                figures=selectors.pack_figures(campaign),
                choices=selectors.pack_choices(campaign),
                order_form=order_form or PackOrderForm(),
            )
        else:
            context.update(
                figures=selectors.campaign_figures(campaign), grants=selectors.campaign_grants(campaign)
            )
        return super().get_context_data(**context, **kwargs)

    def post(self, request, pk):
        self.manage_require()
        campaign = self.get_campaign()
        action = request.POST.get("action")
        try:
            if action == "start":
                services.campaign_start(campaign=campaign, by=request.user)
                messages.success(request, self.started_message(campaign))
            elif action == "resend":
                sent = services.campaign_codes_send(campaign)
                messages.success(request, _("已重新发送 %(count)s 条短信。") % {"count": sent})
            elif action == "order":
                return self.order(campaign)
        except NotPermitted as error:
            raise PermissionDenied(error.message) from error
        except ProcurementError as error:
            messages.error(request, error.message)
        return redirect("procurement:welfare-campaign", pk=campaign.pk)

    @staticmethod
    def started_message(campaign):
        if campaign.mode == CampaignMode.GIFT_PACKS:
            return _("礼包链接已发放，正在向会员发送短信。")
        return _("福利券已发放，正在向会员发送券码。")

    def order(self, campaign):
        """下单: the chosen packs become purchase orders, made in the background."""
        form = PackOrderForm(self.request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(order_form=form), status=400)
        count = packs.pack_orders_request(
            campaign=campaign, by=self.request.user, delivery_date=form.cleaned_data["delivery_date"]
        )
        messages.success(
            self.request,
            _("正在为 %(count)s 份已选择的礼包生成采购单，完成后可在“采购单”中查看。") % {"count": count},
        )
        return redirect("procurement:welfare-campaign", pk=campaign.pk)


class GiftPackView(WelfareMixin, View):
    """A pack of a draft gift-pack campaign: composed, changed or removed by the 管理员."""

    template_name = "procurement/campaigns/pack_form.html"

    def get_objects(self, pk, pack_pk):
        campaign = get_object_or_404(selectors.campaigns_for(self.request.user, self.organisation), pk=pk)
        pack = get_object_or_404(campaign.packs.prefetch_related("items"), pk=pack_pk) if pack_pk else None
        return campaign, pack

    def get(self, request, pk, pack_pk=None):
        self.manage_require()
        campaign, pack = self.get_objects(pk, pack_pk)
        initial = GiftPackForm.initial_of(pack) if pack else {}
        return self.render(campaign, pack, GiftPackForm(initial=initial))

    def post(self, request, pk, pack_pk=None):
        self.manage_require()
        campaign, pack = self.get_objects(pk, pack_pk)
        form = GiftPackForm(request.POST)
        try:
            if request.POST.get("action") == "delete" and pack is not None:
                packs.gift_pack_delete(campaign=campaign, by=request.user, pack=pack)
                messages.success(request, _("礼包已删除。"))
                return redirect("procurement:welfare-campaign", pk=campaign.pk)
            if form.is_valid():
                packs.gift_pack_save(
                    campaign=campaign,
                    by=request.user,
                    pack=pack,
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                    items=form.items(),
                )
                messages.success(request, _("礼包已保存。"))
                return redirect("procurement:welfare-campaign", pk=campaign.pk)
        except ValidationError as error:
            _errors_to_form(form, error)
        except NotPermitted as error:
            raise PermissionDenied(error.message) from error
        except ProcurementError as error:
            form.add_error(None, error.message)
        return self.render(campaign, pack, form, status=400)

    def render(self, campaign, pack, form, status=200):
        context = {
            "organisation": self.organisation,
            "membership": self.membership,
            "campaign": campaign,
            "pack": pack,
            "form": form,
        }
        return render(self.request, self.template_name, context, status=status)


class PackChoiceView(View):
    """A member's personal link: choose a pack (and give an address). Whoever holds the link
    chooses for the member, as with the texted voucher code; no account is needed."""

    template_name = "procurement/campaigns/pack_choice.html"

    def get_choice(self, token):
        choice = selectors.pack_choice_by_token(token)
        if choice is None:
            raise Http404(_("链接无效。"))
        return choice

    def get(self, request, token):
        choice = self.get_choice(token)
        address = PackAddressForm(instance=choice.address, initial=self.address_initial(choice))
        return self.render(
            choice, PackChoiceForm(packs=self.packs(choice), initial={"pack": choice.pack_id}), address
        )

    @staticmethod
    def packs(choice):
        return packs.packs_of(choice.campaign)

    @staticmethod
    def address_initial(choice):
        if choice.address is not None:
            return {}
        return {"first_name": choice.member.name, "phone_number": choice.member.mobile}

    def post(self, request, token):
        choice = self.get_choice(token)
        form = PackChoiceForm(request.POST, packs=self.packs(choice))
        wants_address = choice.campaign.pack_delivery == PackDelivery.MEMBER
        address = PackAddressForm(request.POST, instance=choice.address) if wants_address else None
        if form.is_valid() and (address is None or address.is_valid()):
            try:
                packs.pack_choose(
                    choice=choice,
                    pack_id=form.cleaned_data["pack"],
                    address=address.save(commit=False) if address is not None else None,
                )
            except ProcurementError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("已收到您的选择，工会下单后礼包将寄出。"))
                return redirect("procurement:welfare-pack", token=choice.token)
        return self.render(choice, form, address or PackAddressForm(), status=400)

    def render(self, choice, form, address, status=200):
        context = {
            "choice": choice,
            "campaign": choice.campaign,
            "packs": [(pack, packs.pack_price(pack)) for pack in self.packs(choice)],
            "form": form,
            "address_form": address,
            "wants_address": choice.campaign.pack_delivery == PackDelivery.MEMBER,
            "closed": packs.choice_open_problem(choice),
        }
        response = render(self.request, self.template_name, context, status=status)
        # The link is the member's secret: no referrer carries it to the product images' hosts.
        response["Referrer-Policy"] = "no-referrer"
        response["Cache-Control"] = "private, no-store"
        return response
