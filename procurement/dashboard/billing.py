"""发票与结算 in the dashboard: a cooperative issues the invoices its buyers asked for, downloads
结算单 and confirms the transfers it received; operators see every cooperative's. Objects are
read through ``procurement.billing.selectors``, so another cooperative's id is a 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from catalog.uploads import upload_response

from ..billing import selectors, services, statements
from ..billing.forms import InvoiceIssueForm
from ..billing.views import pdf_response
from ..constants import InvoiceState, SettlementState
from ..exceptions import ProcurementError


class InvoiceListView(ListView):
    """Invoices to issue (待开票) first, then those issued."""

    template_name = "procurement/dashboard/billing/invoice_list.html"
    context_object_name = "invoices"
    paginate_by = 30

    def get_queryset(self):
        queryset = selectors.invoices_for_cooperative(self.request.user)
        state = self.request.GET.get("state")
        if state in InvoiceState.values:
            queryset = queryset.filter(state=state)
        return queryset.order_by("-state", "-requested_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["states"] = InvoiceState.choices
        context["state"] = self.request.GET.get("state", "")
        return context


class InvoiceIssueView(FormView):
    """开具发票: number, date, amount (= the accepted total) and the tax invoice's PDF."""

    template_name = "procurement/dashboard/billing/invoice_issue.html"
    form_class = InvoiceIssueForm

    def dispatch(self, request, *args, **kwargs):
        self.invoice = get_object_or_404(selectors.invoices_for_cooperative(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"amount": self.invoice.supplier_order.accepted_total}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invoice"] = self.invoice
        context["supplier_order"] = self.invoice.supplier_order
        context["organisation"] = self.invoice.supplier_order.purchase_order.organisation
        return context

    def form_valid(self, form):
        try:
            services.invoice_issue(invoice=self.invoice, by=self.request.user, **form.cleaned_data)
        except ProcurementError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("发票 %(number)s 已开具。") % {"number": form.cleaned_data["number"]}
        )
        return redirect("dashboard:procurement-invoice-list")


class InvoicePdfView(View):
    def get(self, request, pk):
        invoice = get_object_or_404(selectors.invoices_for_cooperative(request.user), pk=pk)
        return upload_response(
            invoice.pdf,
            content_type=invoice.pdf_content_type,
            download_name=f"发票-{invoice.number or invoice.pk}",
        )


class SupplierOrderStatementView(View):
    def get(self, request, pk):
        supplier_order = selectors.statement_supplier_order_for_cooperative(request.user, pk)
        if supplier_order is None:
            raise Http404
        content = statements.supplier_order_statement_pdf(supplier_order)
        return pdf_response(content, f"statement-{supplier_order.order.number}.pdf")


class SettlementListView(ListView):
    """Settlements paid to the cooperative: transfers to confirm first."""

    template_name = "procurement/dashboard/billing/settlement_list.html"
    context_object_name = "settlements"
    paginate_by = 30

    def get_queryset(self):
        return selectors.settlements_for_cooperative(self.request.user).order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["paid_state"] = SettlementState.PAID
        return context


class SettlementConfirmView(View):
    """确认收款 (POST) of a transfer the buyer recorded."""

    http_method_names = ["post"]

    def post(self, request, pk):
        settlement = get_object_or_404(selectors.settlements_for_cooperative(request.user), pk=pk)
        try:
            services.settlement_confirm(settlement=settlement, by=request.user)
        except ProcurementError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("已确认收到结算单 %(number)s 的款项。") % {"number": settlement.number}
            )
        return redirect("dashboard:procurement-settlement-list")


class SettlementStatementView(View):
    def get(self, request, pk):
        settlement = get_object_or_404(selectors.settlements_for_cooperative(request.user), pk=pk)
        content = statements.settlement_statement_pdf(
            settlement, selectors.settlement_supplier_orders(settlement)
        )
        return pdf_response(content, f"statement-{settlement.number}.pdf")


urlpatterns = [
    path("invoices/", InvoiceListView.as_view(), name="procurement-invoice-list"),
    path("invoices/<int:pk>/issue/", InvoiceIssueView.as_view(), name="procurement-invoice-issue"),
    path("invoices/<int:pk>/pdf/", InvoicePdfView.as_view(), name="procurement-invoice-pdf"),
    path(
        "billing/supplier-orders/<int:pk>/statement.pdf",
        SupplierOrderStatementView.as_view(),
        name="procurement-supplier-order-statement",
    ),
    path("settlements/", SettlementListView.as_view(), name="procurement-settlement-list"),
    path(
        "settlements/<int:pk>/confirm/",
        SettlementConfirmView.as_view(),
        name="procurement-settlement-confirm",
    ),
    path(
        "settlements/<int:pk>/statement.pdf",
        SettlementStatementView.as_view(),
        name="procurement-settlement-statement",
    ),
]
