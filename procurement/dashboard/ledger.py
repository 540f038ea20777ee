"""消费帮扶台账 in the dashboard: operators read every entry with every filter; a cooperative's
staff read their own cooperative's sales (the selectors narrow the entries)."""

from django.urls import path
from django.views.generic import TemplateView

from ..ledger.views import LedgerReportMixin


class LedgerDashboardView(LedgerReportMixin, TemplateView):
    template_name = "procurement/dashboard/ledger.html"


urlpatterns = [
    path("ledger/", LedgerDashboardView.as_view(), name="procurement-ledger"),
]
