"""The portal's 发票与结算 pages: the organisation's 财务 asks for invoices, downloads 结算单,
and settles invoiced supplier orders by transfer or Alipay. Every object is read through
``billing.selectors`` scoped to the current organisation, so another organisation's id is a
404; every change is a service, whose refusal is shown as a message."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from catalog.uploads import upload_response
from shop.checkout.views import is_phone

from ..constants import Role, SettlementMethod, SettlementState
from ..exceptions import ProcurementError
from ..portal import OrganisationRequiredMixin
from ..selectors import supplier_orders_for_buyer, user_has_role
from . import selectors, services, statements
from .forms import InvoiceRequestForm, SettlementCreateForm, TransferRecordForm


def pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


class BillingOverviewView(OrganisationRequiredMixin, TemplateView):
    """发票与结算: accepted supplier orders awaiting an invoice request, the invoices, the
    invoiced supplier orders to settle (by cooperative) and the settlements."""

    template_name = "procurement/billing/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, organisation = self.request.user, self.organisation
        to_settle = list(selectors.supplier_orders_to_settle(user, organisation))
        by_partner = {}
        for supplier_order in to_settle:
            by_partner.setdefault(supplier_order.partner, []).append(supplier_order)
        context.update(
            is_finance=user_has_role(user, organisation, Role.FINANCE),
            awaiting_request=selectors.supplier_orders_awaiting_invoice_request(user, organisation),
            invoices=selectors.invoices_for_buyer(user, organisation),
            to_settle=[
                (partner, orders, SettlementCreateForm(supplier_orders=orders))
                for partner, orders in by_partner.items()
            ],
            settlements=selectors.settlements_for_buyer(user, organisation),
            request_form=InvoiceRequestForm(),
            has_bank_details=bool(organisation.bank_name and organisation.bank_account),
        )
        return context


class InvoiceRequestView(OrganisationRequiredMixin, View):
    """申请发票 (POST) for one accepted supplier order of the current organisation."""

    http_method_names = ["post"]

    def post(self, request, pk):
        supplier_order = get_object_or_404(supplier_orders_for_buyer(request.user, self.organisation), pk=pk)
        form = InvoiceRequestForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请选择发票类型。"))
            return redirect("procurement:billing")
        try:
            invoice = services.invoice_request(
                supplier_order=supplier_order, by=request.user, kind=form.cleaned_data["kind"]
            )
        except ProcurementError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("已向%(partner)s申请%(kind)s。")
                % {"partner": supplier_order.partner.name, "kind": invoice.get_kind_display()},
            )
        return redirect("procurement:billing")


class InvoicePdfView(OrganisationRequiredMixin, View):
    """The issued tax invoice's PDF, to the organisation's members (and operators)."""

    def get(self, request, pk):
        invoice = get_object_or_404(selectors.invoices_for_buyer(request.user, self.organisation), pk=pk)
        return upload_response(
            invoice.pdf,
            content_type=invoice.pdf_content_type,
            download_name=f"发票-{invoice.number or invoice.pk}",
        )


class SupplierOrderStatementView(OrganisationRequiredMixin, View):
    """The 结算单 PDF of one accepted (or later) supplier order of the organisation."""

    def get(self, request, pk):
        supplier_order = selectors.statement_supplier_order_for_buyer(request.user, self.organisation, pk)
        if supplier_order is None:
            raise Http404
        content = statements.supplier_order_statement_pdf(supplier_order)
        return pdf_response(content, f"statement-{supplier_order.order.number}.pdf")


class SettlementCreateView(OrganisationRequiredMixin, View):
    """新建结算单 (POST): invoiced supplier orders of one cooperative, by transfer or Alipay."""

    http_method_names = ["post"]

    def post(self, request):
        form = SettlementCreateForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect("procurement:billing")
        try:
            settlement = services.settlement_create(
                organisation=self.organisation,
                by=request.user,
                supplier_order_ids=form.cleaned_data["supplier_orders"],
                method=form.cleaned_data["method"],
            )
        except ProcurementError as error:
            messages.error(request, error.message)
            return redirect("procurement:billing")
        messages.success(request, _("已生成结算单 %(number)s。") % {"number": settlement.number})
        return redirect("procurement:settlement-detail", pk=settlement.pk)


class SettlementMixin(OrganisationRequiredMixin):
    def get_settlement(self):
        return get_object_or_404(
            selectors.settlements_for_buyer(self.request.user, self.organisation), pk=self.kwargs["pk"]
        )


class SettlementDetailView(SettlementMixin, TemplateView):
    """A settlement: its supplier orders, how it is paid, and what the 财务 can do next. It is
    also where Alipay sends the payer back; the page shows only what is recorded (the notify is
    the proof of payment, never the return's query string)."""

    template_name = "procurement/billing/settlement_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        settlement = self.get_settlement()
        context.update(
            settlement=settlement,
            supplier_orders=selectors.settlement_supplier_orders(settlement),
            can=services.settlement_can_act(self.request.user, settlement),
            transfer_form=TransferRecordForm(),
            returned_unpaid=bool(self.request.GET.get("out_trade_no"))
            and settlement.state == SettlementState.OPEN,
            is_transfer=settlement.method == SettlementMethod.TRANSFER,
        )
        return context


class SettlementTransferView(SettlementMixin, View):
    """登记转账 (POST): the bank's transaction number of the transfer."""

    http_method_names = ["post"]

    def post(self, request, pk):
        settlement = self.get_settlement()
        form = TransferRecordForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["bank_reference"]))
            return redirect("procurement:settlement-detail", pk=pk)
        try:
            services.settlement_transfer_record(
                settlement=settlement, by=request.user, bank_reference=form.cleaned_data["bank_reference"]
            )
        except ProcurementError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已登记转账，等待合作社确认收款。"))
        return redirect("procurement:settlement-detail", pk=pk)


class SettlementAlipayView(SettlementMixin, View):
    """支付宝付款 (POST): to Alipay's cashier for the settlement's amount."""

    http_method_names = ["post"]

    def post(self, request, pk):
        settlement = self.get_settlement()
        try:
            url = services.settlement_payment_url(
                settlement=settlement, by=request.user, phone=is_phone(request)
            )
        except ProcurementError as error:
            messages.error(request, error.message)
            return redirect("procurement:settlement-detail", pk=pk)
        return HttpResponseRedirect(url)


class SettlementStatementView(SettlementMixin, View):
    """The 结算单 PDF of a settlement."""

    def get(self, request, pk):
        settlement = self.get_settlement()
        content = statements.settlement_statement_pdf(
            settlement, selectors.settlement_supplier_orders(settlement)
        )
        return pdf_response(content, f"statement-{settlement.number}.pdf")
