"""机构订单 in the dashboard: the supplier orders of a cooperative (every cooperative's, for an
operator), confirmed in full or less, cancelled, marked 送达; their parcels ship on the Oscar
order page like any order's. And the cooperative's delivery terms (配送条款).

Every supplier order is read through ``supplier_orders_for_cooperative``, so another
cooperative's is a 404 whatever the URL says; the services check the actor again."""

from django.contrib import messages
from django.db.models import Case, Count, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views import generic

from ..constants import SUPPLIER_ORDER_OPEN_STATES, SupplierOrderState
from ..exceptions import ProcurementError
from ..models import CooperativeDeliveryTerms
from ..selectors import partners_for_cooperative, supplier_orders_for_cooperative
from ..services import (
    delivery_terms_update,
    supplier_order_cancel,
    supplier_order_confirm,
    supplier_order_deliver,
)
from .forms import DeliveryTermsForm, SupplierOrderCancelForm, SupplierOrderConfirmForm

#: The list's order: what waits for the cooperative first, then what is under way, then the rest.
STATE_ORDER = [
    SupplierOrderState.AWAITING_CONFIRMATION,
    SupplierOrderState.CONFIRMED,
    SupplierOrderState.SHIPPED,
    SupplierOrderState.SHORT_CONFIRMED,
    SupplierOrderState.DELIVERED,
    SupplierOrderState.ACCEPTED,
    SupplierOrderState.INVOICED,
    SupplierOrderState.SETTLED,
    SupplierOrderState.CLOSED,
    SupplierOrderState.CANCELLED,
]


def _state_rank():
    return Case(
        *(When(state=state, then=Value(rank)) for rank, state in enumerate(STATE_ORDER)),
        output_field=IntegerField(),
    )


def _state_label(value):
    return SupplierOrderState(value).label if value in SupplierOrderState.values else value


class SupplierOrderListView(generic.ListView):
    """Supplier orders by state, with a count per state; 待确认 first."""

    template_name = "procurement/dashboard/supplier_order_list.html"
    context_object_name = "supplier_orders"
    paginate_by = 30

    def get_queryset(self):
        queryset = supplier_orders_for_cooperative(self.request.user).select_related(
            "purchase_order__delivery_address"
        )
        self.state = self.request.GET.get("state", "")
        if self.state in SupplierOrderState.values:
            queryset = queryset.filter(state=self.state)
        else:
            self.state = ""
        return queryset.annotate(state_rank=_state_rank()).order_by(
            "state_rank", "purchase_order__delivery_date", "pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counted = (
            supplier_orders_for_cooperative(self.request.user)
            .order_by()
            .values_list("state")
            .annotate(count=Count("pk"))
        )
        counts = dict(counted)
        context["state_counts"] = [
            (state, SupplierOrderState(state).label, counts.get(state, 0)) for state in STATE_ORDER
        ]
        context["total_count"] = sum(counts.values())
        context["state"] = self.state
        context["awaiting"] = SupplierOrderState.AWAITING_CONFIRMATION
        return context


class SupplierOrderMixin:
    def get_supplier_order(self):
        queryset = supplier_orders_for_cooperative(self.request.user)
        return get_object_or_404(
            queryset.select_related("purchase_order__delivery_address"), pk=self.kwargs["pk"]
        )


class SupplierOrderDetailView(SupplierOrderMixin, generic.TemplateView):
    template_name = "procurement/dashboard/supplier_order_detail.html"

    def get_context_data(self, **kwargs):
        supplier_order = self.get_supplier_order()
        lines = list(supplier_order.lines.select_related("line", "purchase_order_line__product"))
        context = super().get_context_data(supplier_order=supplier_order, supplier_lines=lines, **kwargs)
        context["purchase_order"] = supplier_order.purchase_order
        context["address"] = supplier_order.purchase_order.delivery_address
        events = list(supplier_order.events.select_related("actor"))
        for event in events:
            event.from_label = _state_label(event.from_state)
            event.to_label = _state_label(event.to_state)
        context["events"] = events
        state = supplier_order.state
        if state == SupplierOrderState.AWAITING_CONFIRMATION:
            context["confirm_form"] = kwargs.get("confirm_form") or SupplierOrderConfirmForm(
                supplier_lines=lines
            )
        if state in SUPPLIER_ORDER_OPEN_STATES:
            context["cancel_form"] = kwargs.get("cancel_form") or SupplierOrderCancelForm()
        context["may_deliver"] = state == SupplierOrderState.SHIPPED
        context["may_ship"] = state == SupplierOrderState.CONFIRMED
        return context


class SupplierOrderConfirmView(SupplierOrderMixin, generic.View):
    """确认供货 (POST): ``full`` confirms every line as ordered; otherwise the quantities typed
    per line, with a reason when less."""

    http_method_names = ["post"]

    def post(self, request, pk):
        supplier_order = self.get_supplier_order()
        if "full" in request.POST:
            quantities, reason = None, ""
        else:
            lines = list(supplier_order.lines.select_related("line"))
            form = SupplierOrderConfirmForm(request.POST, supplier_lines=lines)
            if not form.is_valid():
                for errors in form.errors.values():
                    messages.error(request, errors[0])
                return redirect("dashboard:procurement-supplier-order-detail", pk=pk)
            quantities, reason = form.quantities(), form.cleaned_data["reason"]
        try:
            supplier_order = supplier_order_confirm(
                supplier_order=supplier_order, by=request.user, quantities=quantities, reason=reason
            )
        except ProcurementError as error:
            messages.error(request, error.message)
        else:
            if supplier_order.state == SupplierOrderState.SHORT_CONFIRMED:
                messages.success(request, _("已按少供数量确认，等待采购方接受或取消。"))
            else:
                messages.success(
                    request, _("已确认供货。请在订单页为包裹登记快递发货，或送货上门后标记送达。")
                )
        return redirect("dashboard:procurement-supplier-order-detail", pk=pk)


class SupplierOrderCancelView(SupplierOrderMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, pk):
        supplier_order = self.get_supplier_order()
        form = SupplierOrderCancelForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["reason"][0])
            return redirect("dashboard:procurement-supplier-order-detail", pk=pk)
        try:
            supplier_order_cancel(
                supplier_order=supplier_order, by=request.user, comment=form.cleaned_data["reason"]
            )
        except ProcurementError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("供货单已取消，占用的库存已释放。"))
        return redirect("dashboard:procurement-supplier-order-detail", pk=pk)


class SupplierOrderDeliverView(SupplierOrderMixin, generic.View):
    """送达 (POST): the shipped goods reached the canteen."""

    http_method_names = ["post"]

    def post(self, request, pk):
        supplier_order = self.get_supplier_order()
        try:
            supplier_order_deliver(supplier_order=supplier_order, by=request.user)
        except ProcurementError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已标记送达，等待采购方验收。"))
        return redirect("dashboard:procurement-supplier-order-detail", pk=pk)


class DeliveryTermsView(generic.FormView):
    """配送条款 of one of the user's cooperatives (``?partner=`` when they have several)."""

    template_name = "procurement/dashboard/delivery_terms.html"
    form_class = DeliveryTermsForm

    def dispatch(self, request, *args, **kwargs):
        self.partners = list(partners_for_cooperative(request.user))
        chosen = request.GET.get("partner", "")
        self.partner = next((p for p in self.partners if str(p.pk) == chosen), None)
        if self.partner is None and len(self.partners) == 1:
            self.partner = self.partners[0]
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        terms = None
        if self.partner is not None:
            terms = CooperativeDeliveryTerms.objects.filter(partner=self.partner).first()
        return {**kwargs, "instance": terms or CooperativeDeliveryTerms(partner=self.partner)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(partner=self.partner, partners=self.partners, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.partner is None:
            messages.error(request, _("请先选择合作社。"))
            return redirect("dashboard:procurement-delivery-terms")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            delivery_terms_update(partner=self.partner, by=self.request.user, **form.cleaned_data)
        except ProcurementError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s的配送条款已保存。") % {"name": self.partner.name})
        url = redirect("dashboard:procurement-delivery-terms").url
        return redirect(f"{url}?partner={self.partner.pk}")


urlpatterns = [
    path("orders/", SupplierOrderListView.as_view(), name="procurement-supplier-order-list"),
    path("orders/<int:pk>/", SupplierOrderDetailView.as_view(), name="procurement-supplier-order-detail"),
    path(
        "orders/<int:pk>/confirm/",
        SupplierOrderConfirmView.as_view(),
        name="procurement-supplier-order-confirm",
    ),
    path(
        "orders/<int:pk>/cancel/", SupplierOrderCancelView.as_view(), name="procurement-supplier-order-cancel"
    ),
    path(
        "orders/<int:pk>/deliver/",
        SupplierOrderDeliverView.as_view(),
        name="procurement-supplier-order-deliver",
    ),
    path("delivery-terms/", DeliveryTermsView.as_view(), name="procurement-delivery-terms"),
]
