"""Alipay's two callbacks, and the way back to its cashier.

The asynchronous notify is the source of truth (``services.notify_handle``). The return page
never trusts its query string: it only takes the order number from it, shows the shopper's own
order as recorded, and asks Alipay when the notify has not arrived yet. 去付款 on the shopper's
order page sends them back to Alipay's cashier while the order still takes payment.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from shop.checkout.views import is_phone
from shop.order.constants import OrderStatus

from . import services
from .constants import RETURN_PAGE_RECHECK_SECONDS, RETURN_PAGE_RECHECKS
from .exceptions import OrderNotCancellable, PaymentNotPossible
from .selectors import late_payment_for_shopper

Order = get_model("order", "Order")

#: A genuine notify is a few kilobytes; anything far larger is refused before it is stored.
NOTIFY_MAX_BYTES = 16 * 1024


@csrf_exempt
@require_POST
def alipay_notify(request):
    if _content_length(request) > NOTIFY_MAX_BYTES:
        return HttpResponse("failure", content_type="text/plain", status=413)
    answer = services.notify_handle(request.POST.dict())
    return HttpResponse(answer, content_type="text/plain")


def _content_length(request):
    """The body's size: Django reads no more than Content-Length says, and nothing without it."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class AlipayReturnView(LoginRequiredMixin, TemplateView):
    """Where Alipay sends the shopper back: the order's recorded state, nothing more. While the
    payment is not confirmed, the page says 正在确认付款 and loads itself again a few times (a
    meta refresh: no script, and no web worker waiting on Alipay meanwhile)."""

    template_name = "payments/alipay_return.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        if context["awaiting_payment"] and "out_trade_no" not in request.GET:
            # Back without a payment (the cashier's 取消): the order, to pay or cancel it.
            messages.info(request, _("订单尚未付款：您可以去付款，或取消订单。"))
            return redirect("customer:order", order_number=context["order"].number)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Alipay adds out_trade_no after a payment; ``order`` is on the return URL itself.
        number = self.request.GET.get("out_trade_no") or self.request.GET.get("order", "")
        order = services.order_for_return_page(user=self.request.user, number=number)
        context["order"] = order
        context["paid"] = order is not None and order.status in (
            OrderStatus.PAID,
            OrderStatus.SHIPPED,
            OrderStatus.COMPLETED,
        )
        context["closed"] = order is not None and order.status == OrderStatus.CANCELLED
        context["late_payment"] = late_payment_for_shopper(order) if context["closed"] else None
        context["awaiting_payment"] = order is not None and order.status == OrderStatus.PENDING_PAYMENT
        if context["awaiting_payment"]:
            context["recheck_url"] = self._recheck_url()
            context["recheck_seconds"] = RETURN_PAGE_RECHECK_SECONDS
        return context

    def _recheck_url(self):
        """This page again with its check count raised, or None once it has looked often enough."""
        try:
            checks = int(self.request.GET.get("recheck", "0"))
        except ValueError:
            checks = RETURN_PAGE_RECHECKS
        if not 0 <= checks < RETURN_PAGE_RECHECKS:
            return None
        query = self.request.GET.copy()
        query["recheck"] = str(checks + 1)
        return f"{self.request.path}?{query.urlencode()}"


class OrderPayView(LoginRequiredMixin, View):
    """去付款 (POST) on the shopper's order page: back to Alipay's cashier while the order takes
    payment; someone else's order is a 404."""

    http_method_names = ["post"]

    def post(self, request, number):
        try:
            url = services.order_payment_url(user=request.user, number=number, phone=is_phone(request))
        except Order.DoesNotExist as error:
            raise Http404 from error
        except PaymentNotPossible as error:
            messages.error(request, error.message)
            return redirect("customer:order", order_number=number)
        return HttpResponseRedirect(url)


# Outside the request's transaction: closing the trade asks Alipay first, and the order's row
# lock is taken only for the cancellation itself (``services.order_close_unpaid``).
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class OrderCancelView(LoginRequiredMixin, View):
    """取消订单 (POST) on the shopper's order page while it awaits payment; someone else's order
    is a 404."""

    http_method_names = ["post"]

    def post(self, request, number):
        try:
            status = services.order_cancel_by_shopper(user=request.user, number=number)
        except Order.DoesNotExist as error:
            raise Http404 from error
        except OrderNotCancellable as error:
            messages.error(request, error.message)
            return redirect("customer:order", order_number=number)
        if status == OrderStatus.CANCELLED:
            messages.success(request, _("订单已取消，商品库存已释放。"))
        elif status == OrderStatus.PENDING_PAYMENT:
            messages.error(request, _("暂时无法向支付宝确认这笔订单的状态，请稍后再试。"))
        else:
            messages.info(request, _("支付宝已收到这笔订单的付款，订单没有取消。"))
        return redirect("customer:order", order_number=number)
