"""迟到付款待退款: orders whose Alipay payment arrived after they were closed, for the operator
to refund from the order page. Operators only; anyone else logged in gets 403."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from shop.payments import selectors
from shop.payments.selectors import LatePaymentStatus

from .forms import LatePaymentFilterForm

PER_PAGE = 30


def _status(request):
    """The status filter asked for; 待退款 when none is asked, or when it is not one we know."""
    form = LatePaymentFilterForm({"status": request.GET.get("status", LatePaymentStatus.AWAITING)})
    if form.is_valid():
        return form.cleaned_data["status"]
    for error in form.errors["status"]:
        messages.error(request, error)
    return LatePaymentStatus.AWAITING


@require_GET
def late_payment_list(request):
    status = _status(request)
    page = Paginator(selectors.late_payments(status=status), PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.late_payment_counts()
    filters = [
        (value, label, counts[value]) for value, label in LatePaymentFilterForm.base_fields["status"].choices
    ]
    return render(
        request,
        "payments/dashboard/late_payment_list.html",
        {
            "status": status,
            "filters": filters,
            "awaiting_count": counts[LatePaymentStatus.AWAITING],
            "page_obj": page,
            "paginator": page.paginator,
            "orders": page.object_list,
        },
    )
