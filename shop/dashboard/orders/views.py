"""Oscar's order dashboard, forked so a cooperative sees and acts on its own lines only.

Oscar lets a partner user open any order with one of its lines, then shows every line (and
the whole order's totals, payments and notes) and lets it change the order's status, post
payment events and act on any line of the order. Here a cooperative user (non-staff):

- lists the orders with at least one of its lines, with its own lines' total and item count;
- opens such an order and sees only its own lines, their total and their refunds (customer and
  shipping address stay visible: it ships the goods); another cooperative's order is a 404;
- ships its own parcel (``fulfilment.parcel_ship``), and nothing else: never the order's
  status, payments or notes.

Oscar's generic actions are narrowed to what our services implement, for operators too: the
order moves along ``shop.order.constants.ORDER_TRANSITIONS`` with the money (notify, refunds)
and the parcels, so no line action, no hand-made payment event and no bulk status change is
left; the only status an operator sets is 已取消, through ``payment_services.order_cancel``.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F403

from shop.order import fulfilment
from shop.order.constants import OrderStatus
from shop.order.exceptions import FulfilmentError
from shop.order.models import Carrier
from shop.payments import services as payment_services
from shop.payments.constants import RefundStatus
from shop.payments.exceptions import PaymentError
from shop.payments.forms import RefundForm
from shop.payments.models import AlipayRefund
from shop.users.roles import is_operator

from .forms import OrderStatusForm
from .selectors import order_lines_for_dashboard, orders_for_dashboard, refunds_of_lines

ACTION_REFUSED = _("这个操作已停用：订单状态随付款、发货和退款变化，运营只能取消订单。")


class OrderListView(oscar_views.OrderListView):
    """Orders with at least one of a cooperative's lines, with that cooperative's totals. No
    bulk status change: each order moves through its own services."""

    actions = ("download_selected_orders",)

    def dispatch(self, request, *args, **kwargs):
        # Oscar sets ``base_queryset`` in ``dispatch``, then handles the request: set ours
        # once Oscar's is set, before the handler runs.
        self.request = request
        self.base_queryset = orders_for_dashboard(request.user).order_by("-date_placed")
        return super(oscar_views.OrderListView, self).dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["is_operator"] = is_operator(self.request.user)
        return ctx

    def get_row_values(self, order):
        row = super().get_row_values(order)
        if not is_operator(self.request.user):
            row["value"] = order.partner_total_incl_tax
            row["num_items"] = order.partner_num_items
        return row


class OrderDetailView(oscar_views.OrderDetailView):
    #: Notes, and the status form (cancelling, through ``order_cancel``); Oscar's payment event
    #: would record money no one received.
    order_actions = ("save_note", "delete_note", "change_order_status")
    #: None: parcels ship through ``fulfilment.parcel_ship`` and refunds through the refund form.
    line_actions = ()

    def get_object(self, queryset=None):
        return get_object_or_404(orders_for_dashboard(self.request.user), number=self.kwargs["number"])

    def get_order_lines(self):
        return order_lines_for_dashboard(self.request.user, self.object).select_related("partner", "product")

    def handle_order_action(self, request, order, action):
        if not is_operator(request.user):
            return self.reload_page(error=_("订单状态、付款和备注只能由平台运营修改。"))
        if action not in self.order_actions:
            return self.reload_page(error=ACTION_REFUSED)
        return super().handle_order_action(request, order, action)

    def handle_line_action(self, request, order, action):
        return self.reload_page(error=ACTION_REFUSED)

    def get_order_status_form(self):
        return OrderStatusForm(self.object, data=self.request.POST if self.request.method == "POST" else None)

    def change_order_status(self, request, order):
        form = self.get_order_status_form()
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, errors[0])
            return self.reload_page()
        try:
            payment_services.order_cancel(order=order, actor=request.user, reason=form.cleaned_data["reason"])
        except FulfilmentError as error:
            return self.reload_page(error=error.message)
        order.refresh_from_db()
        if order.status == OrderStatus.CANCELLED:
            messages.success(request, _("订单已取消，未发货的库存已释放；已付款项将原路退回。"))
        else:
            messages.warning(request, _("订单未取消：支付宝显示已付款或暂时无法关闭交易，请稍后再试。"))
        return self.reload_page()

    def get_payment_transactions(self):
        if not is_operator(self.request.user):
            return oscar_views.Transaction.objects.none()
        return super().get_payment_transactions()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["is_operator"] = is_operator(self.request.user)
        ctx["parcels"] = list(fulfilment.parcels_for_user(self.request.user).filter(order=self.object))
        for parcel in ctx["parcels"]:
            parcel.ship_refusal = fulfilment.parcel_ship_refusal(parcel, self.object)
        ctx["carriers"] = Carrier.choices
        if ctx["is_operator"]:
            ctx["refund_form"] = RefundForm(order=self.object)
            ctx["refundable"] = payment_services.refundable_amount(self.object)
            ctx["refunds"] = self.object.alipay_refunds.select_related("requested_by")
            ctx["status_changes"] = self.object.status_changes.select_related("actor")
            ctx["emails_sent"] = self.object.communication_events.select_related("event_type").order_by("pk")
        else:
            ctx["partner_lines_total"] = ctx["lines"].aggregate(
                excl_tax=Sum("line_price_before_discounts_excl_tax"),
                incl_tax=Sum("line_price_before_discounts_incl_tax"),
                paid=Sum("line_price_incl_tax"),
            )
            ctx["line_refunds"] = refunds_of_lines(self.object, ctx["lines"])
        return ctx


class LineDetailView(oscar_views.LineDetailView):
    def get_object(self, queryset=None):
        order = get_object_or_404(orders_for_dashboard(self.request.user), number=self.kwargs["number"])
        try:
            return order_lines_for_dashboard(self.request.user, order).get(pk=self.kwargs["line_id"])
        except self.model.DoesNotExist as error:
            raise Http404 from error


@method_decorator(transaction.non_atomic_requests, name="dispatch")
class OrderRefundView(generic.View):
    """The operator refunds an order, wholly or for some lines, through Alipay (POST only).

    Not inside the request's transaction: the services commit the refund request before calling
    Alipay and record its answer after, so no lock is held while Alipay answers.
    """

    def post(self, request, number):
        order = get_object_or_404(orders_for_dashboard(request.user), number=number)
        for again in ("retry", "refile"):
            if again in request.POST:
                return self._again(request, order, again, request.POST[again])
        form = RefundForm(request.POST, order=order)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, errors[0])
            return redirect("dashboard:order-detail", number=number)
        try:
            refund = payment_services.refund_request(
                order,
                amount=form.cleaned_data["amount"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                line_quantities=form.line_quantities,
            )
        except PaymentError as error:
            messages.error(request, error.message)
        else:
            self._report(request, refund)
        return redirect("dashboard:order-detail", number=number)

    def _again(self, request, order, again, refund_id):
        """``retry`` re-sends a refund whose outcome is unknown; ``refile`` files a failed one
        anew, through every check of a new refund."""
        if not refund_id.isdigit():
            messages.error(request, _("退款编号不正确，未做任何操作。"))
            return redirect("dashboard:order-detail", number=order.number)
        refund = get_object_or_404(AlipayRefund, order=order, pk=int(refund_id))
        try:
            if again == "retry":
                refund = payment_services.refund_send(refund)
            else:
                refund = payment_services.refund_refile(refund=refund, by=request.user)
        except PaymentError as error:
            messages.error(request, error.message)
        else:
            self._report(request, refund)
        return redirect("dashboard:order-detail", number=order.number)

    @staticmethod
    def _report(request, refund):
        if refund.status == RefundStatus.SUCCEEDED:
            messages.success(
                request,
                _("已退款 ¥%(amount)s（%(no)s）。") % {"amount": refund.amount, "no": refund.out_request_no},
            )
        elif refund.status == RefundStatus.FAILED:
            messages.error(request, _("支付宝拒绝了退款：%(message)s") % {"message": refund.message})
        elif refund.status == RefundStatus.MISMATCH:
            messages.error(request, refund.message)
        else:
            messages.warning(
                request,
                _("退款结果未知（%(message)s），可稍后点“重试”，不会重复退款。")
                % {"message": refund.message},
            )


class ParcelShipView(generic.View):
    """A cooperative ships its parcel of an order (carrier and tracking number); POST only.
    Another cooperative's parcel is refused by ``fulfilment.parcel_ship`` and nothing changes."""

    def post(self, request, number, pk):
        try:
            parcel = fulfilment.parcel_ship(
                parcel_id=pk,
                user=request.user,
                carrier=request.POST.get("carrier", ""),
                tracking_number=request.POST.get("tracking_number", ""),
            )
        except FulfilmentError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(partner)s的包裹已登记发货。") % {"partner": parcel.partner.name})
        return redirect("dashboard:order-detail", number=number)
