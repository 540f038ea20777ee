"""Oscar's account pages, plus each order's parcels and the shopper confirming receipt."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.customer import views as oscar_views
from oscar.apps.customer.views import *  # noqa: F403
from oscar.core.loading import get_model

from shop.order import fulfilment
from shop.order.constants import OrderChannel, OrderStatus
from shop.order.exceptions import FulfilmentError
from shop.payments import services as payment_services
from shop.payments.constants import RefundStatus
from shop.payments.selectors import late_payment_for_shopper

Order = get_model("order", "Order")


class LogoutView(oscar_views.LogoutView):
    """Oscar's logout, by POST only (the header's 退出 button posts its CSRF token): Oscar's
    answers a GET, so any link or image on any site could log the shopper out."""

    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class OrderHistoryView(oscar_views.OrderHistoryView):
    """Oscar's 我的订单: the shopper's own retail orders (an institution's supplier orders are
    followed in ``/procurement/``, not here)."""

    def get_queryset(self):
        return super().get_queryset().filter(channel=OrderChannel.RETAIL)


class OrderDetailView(oscar_views.OrderDetailView):
    """Oscar's order page, plus its parcels, its refunds and whether 确认收货 is possible yet."""

    def get_object(self, queryset=None):
        order = super().get_object(queryset)
        if order.channel != OrderChannel.RETAIL:
            raise Http404
        # The page shows each line's product and description (its attributes): loaded at once,
        # not queried line by line.
        prefetch_related_objects([order], "lines__product", "lines__attributes")
        return order

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["parcels"] = self.object.parcels.select_related("partner")
        ctx["awaiting_payment"] = self.object.status == OrderStatus.PENDING_PAYMENT
        ctx["payment_open"] = payment_services.order_payment_open(self.object)
        ctx["payment_deadline"] = payment_services.order_payment_deadline(self.object)
        ctx["receipt_possible"] = fulfilment.receipt_possible(self.object)
        # A product is reviewed by someone who has it in hand, not on an unpaid or cancelled order.
        ctx["reviews_open"] = self.object.status in (OrderStatus.SHIPPED, OrderStatus.COMPLETED)
        ctx["auto_complete_days"] = fulfilment.AUTO_COMPLETE_DAYS
        # A refund Alipay refused never reached the shopper: it is the operator's business.
        ctx["refunds"] = self.object.alipay_refunds.exclude(status=RefundStatus.FAILED)
        if self.object.status == OrderStatus.CANCELLED:
            ctx["late_payment"] = late_payment_for_shopper(self.object)
        return ctx


class OrderReceiptView(LoginRequiredMixin, generic.View):
    """确认收货 (POST): the shopper's own shipped order becomes 已完成; anyone else's is a 404."""

    def post(self, request, order_number):
        try:
            fulfilment.order_confirm_receipt(user=request.user, number=order_number)
        except Order.DoesNotExist as error:
            raise Http404 from error
        except FulfilmentError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已确认收货，感谢您支持安置区的合作社！"))
        return redirect("customer:order", order_number=order_number)
