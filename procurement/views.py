"""The portal's front door and the organisation switcher; each area's pages are in its own
package (``procurement.organisations``, ``procurement.orders`` …)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from shop.users.roles import is_operator

from .overview import organisations_overview, portal_overview
from .portal import organisation_choose, organisation_current
from .selectors import memberships_of, organisations_for

OPERATOR_PAGE_SIZE = 25


class PortalHomeView(TemplateView):
    """The procurement portal's front door. Anyone who belongs to no organisation sees who it
    serves and how ordering works; a member sees their current organisation's portal; an
    operator sees every organisation, and one of them with ``?organisation=<id>``."""

    template_name = "procurement/home.html"

    def get_template_names(self):
        if self.overview is not None:
            return ["procurement/home_member.html"]
        if self.operator:
            return ["procurement/home_operator.html"]
        return [self.template_name]

    def get(self, request, *args, **kwargs):
        user = request.user
        self.operator = is_operator(user)
        self.organisation = self.membership = self.overview = None
        if self.operator and request.GET.get("organisation", "").isdigit():
            self.organisation = get_object_or_404(organisations_for(user), pk=request.GET["organisation"])
        elif not self.operator and user.is_authenticated:
            self.organisation = organisation_current(request)
        if self.organisation is not None:
            self.membership = memberships_of(user).filter(organisation=self.organisation).first()
            self.overview = portal_overview(user, self.organisation)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.overview is not None:
            context.update(
                organisation=self.organisation,
                membership=self.membership,
                memberships=memberships_of(self.request.user),
                overview=self.overview,
            )
        elif self.operator:
            paginator = Paginator(organisations_overview(), OPERATOR_PAGE_SIZE)
            context["page_obj"] = paginator.get_page(self.request.GET.get("page"))
        return context


class OrganisationSwitchView(LoginRequiredMixin, View):
    """切换单位 (POST): acts for another organisation the user belongs to; any other id changes nothing."""

    http_method_names = ["post"]

    def post(self, request):
        chosen = request.POST.get("organisation", "")
        organisation = organisation_choose(request, int(chosen)) if chosen.isdigit() else None
        if organisation is None:
            messages.error(request, _("你不是该单位的成员。"))
        else:
            messages.success(request, _("已切换到%(name)s。") % {"name": organisation.name})
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "procurement:home"
        return redirect(target)
