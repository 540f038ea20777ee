"""定期采购 pages of the portal: the list, a template's page with its next ten delivery dates,
create and edit, switching on and off, and blocked dates. Every object is read through
``standing_orders_for``, so another organisation's id is not found; the services decide who
may change what."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView, TemplateView

from procurement.constants import Role
from procurement.exceptions import LinesRefused, ProcurementError
from procurement.portal import OrganisationRequiredMixin
from procurement.selectors import user_has_role

from . import services
from .calendar import WEEKDAY_NAMES
from .forms import SkipForm, StandingOrderForm, StandingOrderLineFormSet
from .selectors import standing_order_next_dates, standing_orders_for


class StandingOrderMixin(OrganisationRequiredMixin):
    """Loads ``self.standing_order`` of the current organisation from the URL's ``pk``."""

    def standing_order_get(self):
        return get_object_or_404(
            standing_orders_for(self.request.user, self.organisation), pk=self.kwargs["pk"]
        )


class StandingOrderListView(OrganisationRequiredMixin, ListView):
    template_name = "procurement/standing/list.html"
    context_object_name = "standing_orders"

    def get_queryset(self):
        return standing_orders_for(self.request.user, self.organisation).prefetch_related(
            "lines__stockrecord__product"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = user_has_role(self.request.user, self.organisation, Role.BUYER)
        return context


class StandingOrderDetailView(StandingOrderMixin, TemplateView):
    template_name = "procurement/standing/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        standing_order = self.standing_order_get()
        context.update(
            standing_order=standing_order,
            lines=standing_order.lines.select_related("stockrecord__product", "stockrecord__partner"),
            weekday_names=[str(WEEKDAY_NAMES[day]) for day in sorted(standing_order.weekdays)],
            next_dates=standing_order_next_dates(standing_order),
            skips=standing_order.skips.all(),
            skip_form=kwargs.get("skip_form") or SkipForm(),
            purchase_orders=standing_order.purchase_orders.order_by("-delivery_date")[:10],
            can_edit=user_has_role(self.request.user, self.organisation, Role.BUYER),
        )
        return context


class StandingOrderEditView(OrganisationRequiredMixin, TemplateView):
    """New (no ``pk``) or edit: the template's fields and its lines, saved by the service."""

    template_name = "procurement/standing/form.html"

    def get(self, request, *args, **kwargs):
        self.standing_order = self._standing_order()
        return self.render_to_response(self.get_context_data(**self._forms()))

    def post(self, request, *args, **kwargs):
        self.standing_order = self._standing_order()
        forms = self._forms(data=request.POST)
        form, formset = forms["form"], forms["formset"]
        if form.is_valid() and formset.is_valid():
            arguments = {
                "by": request.user,
                "name": form.cleaned_data["name"],
                "delivery_address": form.cleaned_data["delivery_address"],
                "weekdays": form.cleaned_data["weekdays"],
                "lead_days": form.cleaned_data["lead_days"],
                "include_makeup_workdays": form.cleaned_data["include_makeup_workdays"],
                "lines": formset.lines(),
            }
            try:
                if self.standing_order is None:
                    standing_order = services.standing_order_create(
                        organisation=self.organisation, **arguments
                    )
                else:
                    standing_order = services.standing_order_update(
                        standing_order=self.standing_order, **arguments
                    )
            except LinesRefused as error:
                forms["problems"] = error.problems
                form.add_error(None, error.message)
            except ProcurementError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("定期采购“%(name)s”已保存。") % {"name": standing_order.name})
                return redirect("procurement:standing-detail", pk=standing_order.pk)
        return self.render_to_response(self.get_context_data(**forms))

    def _standing_order(self):
        if not user_has_role(self.request.user, self.organisation, Role.BUYER):
            raise PermissionDenied(_("只有采购员可以编辑定期采购。"))
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(
            standing_orders_for(self.request.user, self.organisation), pk=self.kwargs["pk"]
        )

    def _forms(self, data=None):
        standing_order = self.standing_order
        initial, lines = {}, []
        if standing_order is not None:
            initial = {
                "name": standing_order.name,
                "delivery_address": standing_order.delivery_address_id,
                "weekdays": standing_order.weekdays,
                "lead_days": standing_order.lead_days,
                "include_makeup_workdays": standing_order.include_makeup_workdays,
            }
            lines = [
                {"stockrecord": line.stockrecord_id, "quantity": line.quantity}
                for line in standing_order.lines.all()
            ]
        return {
            "form": StandingOrderForm(
                data, initial=initial, user=self.request.user, organisation=self.organisation
            ),
            # Bound, the posted rows are the whole truth: compared with initial rows, an
            # unchanged extra row would be taken for an empty one.
            "formset": StandingOrderLineFormSet(data, initial=None if data else lines, prefix="lines"),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["standing_order"] = self.standing_order
        return context


class StandingOrderActionView(StandingOrderMixin, View):
    """The POST-only actions of a standing order's page; each calls one service."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        standing_order = self.standing_order_get()
        try:
            self.act(standing_order)
        except ProcurementError as error:
            messages.error(request, error.message)
        return redirect("procurement:standing-detail", pk=standing_order.pk)


class StandingOrderActivateView(StandingOrderActionView):
    """启用 / 停用: ``active=1`` switches the standing order on, anything else off."""

    def act(self, standing_order):
        active = self.request.POST.get("active") == "1"
        services.standing_order_activate(standing_order=standing_order, by=self.request.user, active=active)
        messages.success(
            self.request, _("定期采购已启用。") if active else _("定期采购已停用，不再生成采购单。")
        )


class StandingOrderSkipAddView(StandingOrderActionView):
    def act(self, standing_order):
        form = SkipForm(self.request.POST)
        if not form.is_valid():
            raise ProcurementError(" ".join(form.errors["date"]))
        skip = services.standing_order_skip_add(
            standing_order=standing_order, by=self.request.user, date=form.cleaned_data["date"]
        )
        messages.success(self.request, _("%(date)s 不送货。") % {"date": skip.date.isoformat()})


class StandingOrderSkipRemoveView(StandingOrderActionView):
    def act(self, standing_order):
        services.standing_order_skip_remove(
            standing_order=standing_order, by=self.request.user, skip_id=self.kwargs["skip_pk"]
        )
        messages.success(self.request, _("已恢复该日期送货。"))
