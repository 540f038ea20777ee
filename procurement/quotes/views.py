"""The buyer's quote pages (/procurement/quotes/): ask cooperatives for a price, read their
answers, accept one. Every request is read through ``quote_requests_for_buyer`` of the current
organisation, so another organisation's id is a 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from ..constants import QuoteRequestState
from ..exceptions import LinesRefused, ProcurementError
from ..models import PurchaseOrderLine
from ..portal import OrganisationRequiredMixin
from . import services
from .forms import QuoteRequestForm
from .selectors import quote_requests_for_buyer


class QuoteRequestListView(OrganisationRequiredMixin, generic.ListView):
    template_name = "procurement/quotes/request_list.html"
    context_object_name = "quote_requests"
    paginate_by = 20

    def get_queryset(self):
        return quote_requests_for_buyer(self.request.user, self.organisation)


class QuoteRequestCreateView(OrganisationRequiredMixin, generic.FormView):
    template_name = "procurement/quotes/request_form.html"
    form_class = QuoteRequestForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "organisation": self.organisation}

    def get_initial(self):
        product = self.request.GET.get("product", "")
        return {"product": product} if product.isdigit() else {}

    def form_valid(self, form):
        try:
            quote_request = services.quote_request_create(
                organisation=self.organisation, by=self.request.user, **form.service_kwargs()
            )
        except ProcurementError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("询价已发送给 %(count)s 家合作社。") % {"count": len(form.cleaned_data["partners"])},
        )
        return redirect("procurement:quote-detail", pk=quote_request.pk)


class QuoteRequestDetailView(OrganisationRequiredMixin, generic.DetailView):
    template_name = "procurement/quotes/request_detail.html"
    context_object_name = "quote_request"

    def get_queryset(self):
        return quote_requests_for_buyer(self.request.user, self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quote_request = self.object
        today = timezone.localdate()
        ordered = PurchaseOrderLine.objects.filter(quote_answer__request=quote_request)
        purchase_orders = {
            line.quote_answer_id: line.purchase_order for line in ordered.select_related("purchase_order")
        }
        answers = list(quote_request.answers.all())
        for answer in answers:
            answer.is_expired = answer.valid_until < today
            answer.purchase_order = purchase_orders.get(answer.pk)
        context["answers"] = answers
        context["is_past_deadline"] = timezone.now() >= quote_request.deadline
        context["is_open"] = quote_request.state == QuoteRequestState.OPEN
        return context


class QuoteAnswerAcceptView(OrganisationRequiredMixin, generic.View):
    """采纳 an answer (POST): a draft purchase order at the quoted price."""

    http_method_names = ["post"]

    def post(self, request, pk, answer_pk):
        quote_request = get_object_or_404(quote_requests_for_buyer(request.user, self.organisation), pk=pk)
        answer = get_object_or_404(quote_request.answers.all(), pk=answer_pk)
        try:
            purchase_order = services.quote_answer_accept(answer=answer, by=request.user)
        except LinesRefused as error:
            reasons = "；".join(f"{label}：{reason}" for label, reason in error.problems)
            messages.error(request, f"{error.message} {reasons}".strip())
        except ProcurementError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("已采纳 %(partner)s 的报价，生成采购单草稿 %(number)s，请核对后提交审批。")
                % {"partner": answer.partner.name, "number": purchase_order.number},
            )
        return redirect("procurement:quote-detail", pk=quote_request.pk)


class QuoteRequestCancelView(OrganisationRequiredMixin, generic.View):
    """撤回 an open request (POST)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        quote_request = get_object_or_404(quote_requests_for_buyer(request.user, self.organisation), pk=pk)
        try:
            services.quote_request_cancel(quote_request=quote_request, by=request.user)
        except ProcurementError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("询价已撤回。"))
        return redirect("procurement:quote-detail", pk=quote_request.pk)
