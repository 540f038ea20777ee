"""The portal's front door and the organisation switcher; each area's pages are in its own
package (``procurement.organisations``, ``procurement.orders`` …)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from .portal import organisation_choose


class PortalHomeView(TemplateView):
    """The procurement portal's front door: who it serves and how ordering works."""

    template_name = "procurement/home.html"


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
