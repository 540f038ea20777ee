"""Oscar's account pages, plus the shopper confirming receipt of a shipped order."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.customer.views import *  # noqa: F403
from oscar.core.loading import get_model

from shop.order import fulfilment
from shop.order.exceptions import FulfilmentError

Order = get_model("order", "Order")


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
