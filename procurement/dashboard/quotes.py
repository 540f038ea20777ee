"""询价 in the dashboard: the quote requests a cooperative was asked (every request, for an
operator), and its answer — one of its own listed stock records, a unit price, the quantity it
can supply and how long the price holds — while a request is open and before its deadline.

Requests are read through ``quote_requests_for_cooperative``, so one asked of another
cooperative only is a 404; ``quote_answer_save`` checks the cooperative again."""

from django.contrib import messages
from django.db.models import Case, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from ..constants import QuoteRequestState
from ..exceptions import ProcurementError
from ..quotes.selectors import quote_answer_of, quote_requests_for_cooperative, quote_stockrecords_for_answer
from ..quotes.services import quote_answer_save
from ..selectors import partners_for_cooperative
from .forms import QuoteAnswerForm


class QuoteListView(generic.ListView):
    template_name = "procurement/dashboard/quote_list.html"
    context_object_name = "quote_requests"
    paginate_by = 30

    def get_queryset(self):
        still_open = Case(When(state=QuoteRequestState.OPEN, then=Value(0)), default=Value(1))
        return quote_requests_for_cooperative(self.request.user).order_by(still_open, "deadline", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        own = set(partners_for_cooperative(self.request.user).values_list("pk", flat=True))
        for quote_request in context["quote_requests"]:
            quote_request.own_answer = quote_answer_of(self.request.user, quote_request, own_partner_ids=own)
            quote_request.is_answerable = (
                quote_request.state == QuoteRequestState.OPEN and now < quote_request.deadline
            )
        return context


class QuoteDetailView(generic.FormView):
    template_name = "procurement/dashboard/quote_detail.html"
    form_class = QuoteAnswerForm

    def dispatch(self, request, *args, **kwargs):
        self.quote_request = get_object_or_404(quote_requests_for_cooperative(request.user), pk=kwargs["pk"])
        self.answer = quote_answer_of(request.user, self.quote_request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        stockrecords = quote_stockrecords_for_answer(self.request.user, self.quote_request)
        return {**super().get_form_kwargs(), "stockrecords": stockrecords}

    def get_initial(self):
        if self.answer is not None:
            return {
                "stockrecord": self.answer.stockrecord_id,
                "unit_price": self.answer.unit_price,
                "quantity": self.answer.quantity,
                "valid_until": self.answer.valid_until,
                "note": self.answer.note,
            }
        quote_request = self.quote_request
        own = quote_stockrecords_for_answer(self.request.user, quote_request)
        same_product = own.filter(product=quote_request.product).first() if quote_request.product_id else None
        return {
            "stockrecord": same_product.pk if same_product else None,
            "quantity": quote_request.quantity,
            "valid_until": quote_request.deadline.date(),
        }

    def get_context_data(self, **kwargs):
        quote_request = self.quote_request
        is_answerable = (
            quote_request.state == QuoteRequestState.OPEN and timezone.now() < quote_request.deadline
        )
        return super().get_context_data(
            quote_request=quote_request, answer=self.answer, is_answerable=is_answerable, **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            quote_answer_save(
                quote_request=self.quote_request,
                by=self.request.user,
                stockrecord=data["stockrecord"],
                unit_price=data["unit_price"],
                quantity=data["quantity"],
                valid_until=data["valid_until"],
                note=data["note"],
            )
        except ProcurementError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("报价已提交，采购方可以在询价单中看到。"))
        return redirect("dashboard:procurement-quote-detail", pk=self.quote_request.pk)


urlpatterns = [
    path("quotes/", QuoteListView.as_view(), name="procurement-quote-list"),
    path("quotes/<int:pk>/", QuoteDetailView.as_view(), name="procurement-quote-detail"),
]
