"""Alipay's two callbacks.

No Alipay gateway is configured yet, so no notify can be verified: every notify is answered
``failure``, which tells Alipay to retry later and never records a payment. The return page
already follows the rule it must keep: it never trusts its query string, only the order's state.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from oscar.core.loading import get_model

Order = get_model("order", "Order")


@csrf_exempt
@require_POST
def alipay_notify(request):
    return HttpResponse("failure", content_type="text/plain")


class AlipayReturnView(LoginRequiredMixin, TemplateView):
    """Where Alipay sends the shopper back: shows the order's recorded state, nothing more."""

    template_name = "payments/alipay_return.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        number = self.request.GET.get("out_trade_no", "")
        context["order"] = Order.objects.filter(user=self.request.user, number=number).first()
        return context
