"""The buyer's purchase-order pages: the product list, the order form (new and edit), the list
by state and the order page with its timeline and actions. Views parse input, call a service
of ``procurement.services`` and render; every object is read through the selectors, so another
organisation's id is not found (404) and nothing changes."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView
from oscar.core.loading import get_model

from .. import services
from ..constants import SUPPLIER_ORDER_OPEN_STATES, PurchaseOrderState, Role, SupplierOrderState
from ..exceptions import LinesRefused, ProcurementError
from ..portal import OrganisationRequiredMixin
from ..pricing import line_price, orderable_stockrecords
from ..selectors import (
    delivery_addresses_for,
    organisation_can_order,
    purchase_orders_for,
    supplier_orders_for_buyer,
    user_has_role,
)
from .forms import BLANK_ROWS, LineFormSet, PurchaseOrderForm
from .selectors import (
    categories_for_buyers,
    order_preview,
    purchase_order_counts,
    purchase_order_lines,
    purchase_order_list,
    purchase_order_supplier_orders,
    purchase_order_timeline,
    stockrecord_choices,
    stockrecords_for_buyers,
)

Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

#: Orders and products per page.
PAGE_SIZE = 25
#: States whose order has no supplier orders yet, so its delivery fees are a quote.
BEFORE_APPROVAL = (PurchaseOrderState.DRAFT, PurchaseOrderState.SUBMITTED, PurchaseOrderState.REJECTED)
#: Supplier-order states in which the 验收员 may record receipt (``supplier_order_receive``).
RECEIVABLE_STATES = (SupplierOrderState.SHIPPED, SupplierOrderState.DELIVERED)


def _refused(request, error):
    """Shows a service's refusal: its message, and for refused lines each line and why."""
    messages.error(request, error.message)
    for label, reason in getattr(error, "problems", []):
        messages.error(request, f"{label}：{reason}")


# --- The product list ---------------------------------------------------------------------------


class ProductListView(OrganisationRequiredMixin, ListView):
    """The products an institution may order, searched as in the storefront and filtered by
    category, each with its tier prices and minimum order quantity, and "加入采购单"."""

    template_name = "procurement/orders/product_list.html"
    context_object_name = "stockrecords"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()[:100]
        category_id = self.request.GET.get("category", "")
        self.category = Category.objects.filter(pk=category_id).first() if category_id.isdigit() else None
        return stockrecords_for_buyers(query=self.query, category=self.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for record in context["stockrecords"]:
            record.min_quantity = line_price(record, 1).min_quantity
        context.update(
            query=self.query,
            category=self.category,
            categories=categories_for_buyers(),
            can_order=user_has_role(self.request.user, self.organisation, Role.BUYER)
            and organisation_can_order(self.organisation),
        )
        return context


class ProductLineAddView(OrganisationRequiredMixin, View):
    """加入采购单 (POST): adds a product to the buyer's current draft, or starts one."""

    http_method_names = ["post"]

    def post(self, request):
        stockrecord = request.POST.get("stockrecord", "")
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("procurement:product-list")
        if not stockrecord.isdigit():
            messages.error(request, _("请选择商品。"))
            return redirect(target)
        try:
            purchase_order, created = services.purchase_order_line_add(
                organisation=self.organisation,
                by=request.user,
                stockrecord_id=int(stockrecord),
                quantity=request.POST.get("quantity", ""),
            )
        except ProcurementError as error:
            _refused(request, error)
            return redirect(target)
        if created:
            messages.success(
                request,
                _("已新建采购单 %(number)s 并加入商品，请确认收货地址和要求到货日期。")
                % {"number": purchase_order.number},
            )
            return redirect("procurement:order-update", pk=purchase_order.pk)
        messages.success(request, _("已加入采购单 %(number)s。") % {"number": purchase_order.number})
        return redirect(target)


# --- The order form -----------------------------------------------------------------------------


class OrderFormView(OrganisationRequiredMixin, TemplateView):
    """A draft's address, date, note and lines (a formset; "添加一行" posts back for one more row
    without saving). Saving goes through ``purchase_order_create`` / ``purchase_order_update``;
    the lines they refuse are marked on their rows and nothing is saved."""

    template_name = "procurement/orders/order_form.html"

    def _setup(self):
        self.purchase_order = None
        if "pk" in self.kwargs:
            self.purchase_order = get_object_or_404(
                purchase_orders_for(self.request.user, self.organisation), pk=self.kwargs["pk"]
            )
        if not user_has_role(self.request.user, self.organisation, Role.BUYER):
            messages.error(self.request, _("只有采购员可以填写采购单。"))
            return redirect("procurement:order-list")
        if self.purchase_order is not None and self.purchase_order.state != PurchaseOrderState.DRAFT:
            messages.error(self.request, _("只有草稿可以修改。"))
            return redirect("procurement:order-detail", pk=self.purchase_order.pk)
        self.addresses = delivery_addresses_for(self.request.user, self.organisation)
        self.choices = stockrecord_choices()
        return None

    def _forms(self, data=None, *, order_initial=None, line_initial=None):
        order_form = PurchaseOrderForm(data, addresses=self.addresses, initial=order_initial)
        formset = LineFormSet(data, initial=line_initial, form_kwargs={"choices": self.choices})
        return order_form, formset

    def get(self, request, *args, **kwargs):
        refused = self._setup()
        if refused:
            return refused
        if self.purchase_order is None:
            order_initial = {"delivery_address": self.addresses.order_by("pk").first()}
            line_initial = [{} for _row in range(BLANK_ROWS)]
        else:
            order = self.purchase_order
            order_initial = {
                "delivery_address": order.delivery_address,
                "delivery_date": order.delivery_date,
                "note": order.note,
            }
            line_initial = [
                {"stockrecord": line.stockrecord_id, "quantity": line.quantity}
                for line in order.lines.order_by("pk")
            ] + [{}]
        order_form, formset = self._forms(order_initial=order_initial, line_initial=line_initial)
        rows = [(row["stockrecord"], row["quantity"]) for row in line_initial if row]
        return self.render_to_response(
            self.get_context_data(order_form=order_form, formset=formset, rows=rows)
        )

    def post(self, request, *args, **kwargs):
        refused = self._setup()
        if refused:
            return refused
        order_form, formset = self._forms(request.POST)
        if "add_row" in request.POST:
            return self._add_row(order_form, formset)
        if not (order_form.is_valid() and formset.is_valid()):
            rows = [
                (form.cleaned_data["stockrecord"], form.cleaned_data["quantity"])
                for form in formset.forms
                if getattr(form, "cleaned_data", None)
                and form.cleaned_data.get("stockrecord")
                and form.cleaned_data.get("quantity")
            ]
            return self._invalid(order_form, formset, rows)
        fields = {
            "by": request.user,
            "delivery_address": order_form.cleaned_data["delivery_address"],
            "delivery_date": order_form.cleaned_data["delivery_date"],
            "note": order_form.cleaned_data["note"],
            "lines": formset.lines(),
        }
        try:
            if self.purchase_order is None:
                purchase_order = services.purchase_order_create(organisation=self.organisation, **fields)
            else:
                purchase_order = services.purchase_order_update(purchase_order=self.purchase_order, **fields)
        except LinesRefused as error:
            self._problems_mark(formset, error)
            return self._invalid(order_form, formset, formset.lines())
        except ProcurementError as error:
            order_form.add_error(None, error.message)
            return self._invalid(order_form, formset, formset.lines())
        messages.success(
            request,
            _("采购单 %(number)s 已保存为草稿。核对配送费和合计后即可提交审批。")
            % {"number": purchase_order.number},
        )
        return redirect("procurement:order-detail", pk=purchase_order.pk)

    def _add_row(self, order_form, formset):
        """The same form, unsaved, with one more blank row (what was typed is kept, unchecked)."""
        order_initial = {name: order_form[name].value() for name in order_form.fields}
        line_initial = [
            {"stockrecord": form["stockrecord"].value(), "quantity": form["quantity"].value()}
            for form in formset.forms
            if not form["DELETE"].value()
        ]
        if len(line_initial) < LineFormSet.max_num:
            line_initial.append({})
        order_form, formset = self._forms(order_initial=order_initial, line_initial=line_initial)
        return self.render_to_response(self.get_context_data(order_form=order_form, formset=formset, rows=[]))

    def _problems_mark(self, formset, error):
        labels = {}
        ids = [stockrecord for stockrecord, _quantity in formset.lines()]
        for record in StockRecord.objects.filter(pk__in=ids).select_related("product__parent"):
            labels[services.line_label(record)] = record.pk
            labels[str(record.pk)] = record.pk
        unplaced = []
        for label, reason in error.problems:
            forms = [
                form for form in formset.forms if form.cleaned_data.get("stockrecord") == labels.get(label)
            ]
            if labels.get(label) is None or not forms:
                unplaced.append(f"{label}：{reason}")
            for form in forms:
                form.add_error(None, reason)
        for text in [error.message, *unplaced]:
            messages.error(self.request, text)

    def _invalid(self, order_form, formset, rows):
        context = self.get_context_data(order_form=order_form, formset=formset, rows=rows)
        return self.render_to_response(context, status=200)

    def get_context_data(self, **kwargs):
        rows = kwargs.pop("rows", [])
        context = super().get_context_data(**kwargs)
        records = {
            record.pk: record for record in orderable_stockrecords().filter(pk__in=[r for r, _q in rows])
        }
        order_form = context["order_form"]
        address = None
        if order_form.is_bound and order_form.is_valid():
            address = order_form.cleaned_data["delivery_address"]
        elif not order_form.is_bound:
            address = order_form.initial.get("delivery_address")
        preview = order_preview(
            [(records[r], int(q)) for r, q in rows if r in records and str(q).isdigit()],
            address if hasattr(address, "district_id") else None,
        )
        by_record = {line.stockrecord.pk: line for line in preview.lines}
        for form in context["formset"].forms:
            value = form["stockrecord"].value()
            form.preview = by_record.get(int(value)) if str(value or "").isdigit() else None
        context.update(purchase_order=self.purchase_order, preview=preview, addresses=self.addresses)
        return context


# --- The list -----------------------------------------------------------------------------------


class OrderListView(OrganisationRequiredMixin, ListView):
    """采购单: the organisation's orders, by state (tabs with counts), 25 a page."""

    template_name = "procurement/orders/order_list.html"
    context_object_name = "purchase_orders"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        state = self.request.GET.get("state", "")
        self.state = state if state in PurchaseOrderState.values else ""
        return purchase_order_list(self.request.user, self.organisation, state=self.state or None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = purchase_order_counts(self.request.user, self.organisation)
        context.update(
            state=self.state,
            tabs=[(value, label, counts[value]) for value, label in PurchaseOrderState.choices],
            total_count=sum(counts.values()),
            can_order=user_has_role(self.request.user, self.organisation, Role.BUYER),
        )
        return context


# --- The order page and its actions -------------------------------------------------------------


class OrderDetailView(OrganisationRequiredMixin, DetailView):
    """One purchase order: header, lines with prices, delivery fees and totals, its supplier
    orders, the timeline, and the actions the user's roles allow."""

    template_name = "procurement/orders/order_detail.html"
    context_object_name = "purchase_order"

    def get_queryset(self):
        return purchase_orders_for(self.request.user, self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order, user = self.object, self.request.user
        is_buyer = user_has_role(user, order.organisation, Role.BUYER)
        is_approver = user_has_role(user, order.organisation, Role.APPROVER)
        is_receiver = user_has_role(user, order.organisation, Role.RECEIVER)
        deciding = (
            order.state == PurchaseOrderState.SUBMITTED and is_approver and order.submitted_by_id != user.pk
        )
        supplier_orders = list(purchase_order_supplier_orders(order))
        for supplier_order in supplier_orders:
            supplier_order.can_accept_short = (
                is_buyer and supplier_order.state == SupplierOrderState.SHORT_CONFIRMED
            )
            supplier_order.can_cancel = is_buyer and supplier_order.state in SUPPLIER_ORDER_OPEN_STATES
            supplier_order.can_receive = is_receiver and supplier_order.state in RECEIVABLE_STATES
        context.update(
            lines=purchase_order_lines(order),
            supplier_orders=supplier_orders,
            deliveries=services.delivery_quote(order) if order.state in BEFORE_APPROVAL else [],
            timeline=purchase_order_timeline(order),
            can_edit=is_buyer and order.state == PurchaseOrderState.DRAFT,
            can_submit=is_buyer and order.state == PurchaseOrderState.DRAFT,
            can_decide=deciding,
            own_order_waiting=order.state == PurchaseOrderState.SUBMITTED
            and is_approver
            and order.submitted_by_id == user.pk,
            can_reopen=is_buyer and order.state == PurchaseOrderState.REJECTED,
            can_cancel=is_buyer and order.state in BEFORE_APPROVAL,
        )
        return context


class OrderActionView(OrganisationRequiredMixin, View):
    """One action on a purchase order (POST): submit, approve, reject, reopen or cancel. The
    service decides whether the user may; its refusal is shown and nothing changes."""

    http_method_names = ["post"]
    action = None

    ACTIONS = {
        "submit": (services.purchase_order_submit, _("已提交审批。")),
        "approve": (services.purchase_order_approve, _("已审批通过，订单已按合作社拆分发出。")),
        "reject": (services.purchase_order_reject, _("已驳回。")),
        "reopen": (services.purchase_order_reopen, _("采购单已退回草稿，可以修改后重新提交。")),
        "cancel": (services.purchase_order_cancel, _("采购单已取消。")),
    }

    def post(self, request, pk):
        if self.action not in self.ACTIONS:
            raise Http404
        purchase_order = get_object_or_404(purchase_orders_for(request.user, self.organisation), pk=pk)
        service, done = self.ACTIONS[self.action]
        arguments = {"purchase_order": purchase_order, "by": request.user}
        if self.action != "reopen":
            arguments["comment"] = request.POST.get("comment", "").strip()[:500]
        try:
            service(**arguments)
        except ProcurementError as error:
            _refused(request, error)
        else:
            messages.success(request, done)
        return redirect("procurement:order-detail", pk=purchase_order.pk)


class SupplierOrderActionView(OrganisationRequiredMixin, View):
    """The buyer's answer to a supplier order (POST): accept a smaller confirmed quantity, or
    cancel the supplier order (its stock goes back)."""

    http_method_names = ["post"]
    action = None

    def post(self, request, pk, supplier_pk):
        purchase_order = get_object_or_404(purchase_orders_for(request.user, self.organisation), pk=pk)
        supplier_order = get_object_or_404(
            supplier_orders_for_buyer(request.user, self.organisation).filter(purchase_order=purchase_order),
            pk=supplier_pk,
        )
        try:
            if self.action == "accept-short":
                services.supplier_order_short_accept(supplier_order=supplier_order, by=request.user)
                done = _("已接受%(partner)s的确认数量。")
            elif self.action == "cancel":
                comment = request.POST.get("comment", "").strip()[:500]
                services.supplier_order_cancel(
                    supplier_order=supplier_order, by=request.user, comment=comment
                )
                done = _("已取消%(partner)s的供货单，库存已退回。")
            else:
                raise Http404
        except ProcurementError as error:
            _refused(request, error)
        else:
            messages.success(request, done % {"partner": supplier_order.partner.name})
        return redirect("procurement:order-detail", pk=purchase_order.pk)
