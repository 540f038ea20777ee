"""消费帮扶台账 in the dashboard: operators read every entry with every filter; a cooperative's
staff read their own cooperative's sales (the selectors narrow the rows)."""

from django.urls import path
from django.views.generic import TemplateView

from shop.users.roles import is_operator

from ..ledger.views import LedgerReportMixin


class LedgerDashboardView(LedgerReportMixin, TemplateView):
    template_name = "procurement/dashboard/ledger.html"

    def get(self, request, *args, **kwargs):
        # A cooperative sees what it sold to each buyer elsewhere, never the buyers' targets.
        self.with_organisations = is_operator(request.user)
        return super().get(request, *args, **kwargs)


urlpatterns = [
    path("ledger/", LedgerDashboardView.as_view(), name="procurement-ledger"),
]
