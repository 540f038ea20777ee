"""Alipay's two callbacks.

The asynchronous notify is the source of truth (``services.notify_handle``). The return page
never trusts its query string: it only takes the order number from it, shows the shopper's own
order as recorded, and asks Alipay when the notify has not arrived yet.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from . import services
from .constants import OrderStatus

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
    """Where Alipay sends the shopper back: the order's recorded state, nothing more."""

    template_name = "payments/alipay_return.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = services.order_for_return_page(
            user=self.request.user, number=self.request.GET.get("out_trade_no", "")
        )
        context["order"] = order
        context["paid"] = order is not None and order.status in (
            OrderStatus.PAID,
            OrderStatus.SHIPPED,
            OrderStatus.COMPLETED,
        )
        return context
