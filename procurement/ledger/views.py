"""The ledger's pages: the operators' and cooperatives' in the dashboard
(procurement/dashboard/ledger.py), the organisation's own in the portal (``/procurement/ledger/``);
each with its Excel export. What a reader sees is decided by the selectors."""

from urllib.parse import quote

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from procurement.portal import OrganisationRequiredMixin

from .exports import ledger_workbook, ledger_workbook_name
from .forms import LedgerFilterForm
from .jobs import export_in_background, ledger_export_request, ledger_exports_for
from .models import LedgerExportState
from .selectors import impact_figures, ledger_months_for, ledger_report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_response(report):
    response = HttpResponse(ledger_workbook(report), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(ledger_workbook_name(report))}"
    return response


class LedgerReportMixin:
    """Reads the filters, builds the report of ``get_months()`` (the ledger's roll-up rows the
    page covers); ``?format=xlsx`` downloads it."""

    #: Whether the reader sees the organisations' rows (with their yearly targets).
    with_organisations = True

    #: The organisation whose purchases only the page shows (the portal's), or None.
    export_organisation = None

    def get_months(self):
        return ledger_months_for(self.request.user)

    def get(self, request, *args, **kwargs):
        months = self.get_months()
        self.form = LedgerFilterForm(request.GET or None, months=months)
        filters = self.form.filters()
        if request.GET.get("format") == "xlsx" and export_in_background(months, filters):
            job = ledger_export_request(
                user=request.user,
                filters=filters,
                organisation=self.export_organisation,
                with_organisations=self.with_organisations,
            )
            return redirect("procurement:ledger-export", pk=job.pk)
        self.report = ledger_report(months, filters, with_organisations=self.with_organisations)
        if request.GET.get("format") == "xlsx":
            return workbook_response(self.report)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            filter_fields=self.form.fields_with_values(self.report.filters),
            report=self.report,
            chart_data=self.report.chart_data(),
            export_query=self._export_query(),
            **kwargs,
        )

    def _export_query(self):
        query = self.request.GET.copy()
        query["format"] = "xlsx"
        return query.urlencode()


class OrganisationLedgerView(OrganisationRequiredMixin, LedgerReportMixin, TemplateView):
    """``/procurement/ledger/``: the current organisation's purchases against its target, by month,
    category, cooperative and area."""

    template_name = "procurement/ledger/organisation_ledger.html"

    def get_months(self):
        self.export_organisation = self.organisation
        return super().get_months().filter(organisation_id=self.organisation.pk)


class LedgerExportView(LoginRequiredMixin, DetailView):
    """A large export being made: its progress (the page refreshes itself), then its link."""

    template_name = "procurement/ledger/export.html"
    context_object_name = "job"

    def get_queryset(self):
        return ledger_exports_for(self.request.user)


class LedgerExportDownloadView(LoginRequiredMixin, View):
    """The finished workbook, from private storage, to the one who asked for it."""

    def get(self, request, pk):
        job = get_object_or_404(ledger_exports_for(request.user), pk=pk, state=LedgerExportState.DONE)
        return FileResponse(
            job.file.open("rb"), as_attachment=True, filename=job.file_name, content_type=XLSX
        )


class ImpactView(TemplateView):
    """``/impact/``: what the county's consumption assistance reached this year, for everyone:
    sales to the resettlement areas by town and area, the households and people the selling
    cooperatives link, how many organisations and cooperatives took part. Aggregates only."""

    template_name = "procurement/ledger/impact.html"

    def get_context_data(self, **kwargs):
        impact = impact_figures()
        chart = {
            "labels": {"empty": str(_("暂无数据"))},
            "months": [row.label for row in impact.monthly],
            "channels": [
                {"name": str(_("消费帮扶金额")), "values": [float(row.net) for row in impact.monthly]}
            ],
            "areas": [{"name": row.label, "value": float(row.net)} for row in impact.by_area],
            "organisations": [],
        }
        return super().get_context_data(impact=impact, chart_data=chart, **kwargs)
