"""The dashboard home: Oscar's shop-wide statistics for operators; for a cooperative, its own
business only (``shop.dashboard.selectors``) — never the platform's revenue or customers."""

from django.utils import timezone
from oscar.apps.dashboard import views as oscar_views

from shop.users.roles import is_operator

from . import selectors

#: How many rows of each list the home shows; each links to the full list.
HOME_LIST_LENGTH = 8


class IndexView(oscar_views.IndexView):
    def get_template_names(self):
        if is_operator(self.request.user):
            return super().get_template_names()
        return ["oscar/dashboard/index_cooperative.html"]

    def get_context_data(self, **kwargs):
        if is_operator(self.request.user):
            return super().get_context_data(**kwargs)
        # Not Oscar's get_stats(): it counts whole orders, unpaid ones and other cooperatives' goods.
        context = super(oscar_views.IndexView, self).get_context_data(**kwargs)
        context.update(cooperative_home(self.request.user))
        return context


def cooperative_home(user):
    """The figures and short lists of ``user``'s cooperatives' home."""
    week, month = selectors.period_starts(timezone.now())
    return {
        "sales_week": selectors.paid_sales(user, since=week),
        "sales_month": selectors.paid_sales(user, since=month),
        "parcels_to_ship": list(selectors.parcels_to_ship(user)[:HOME_LIST_LENGTH]),
        "parcels_to_ship_count": selectors.parcels_to_ship(user).count(),
        "low_stock": list(selectors.stock_running_low(user)[:HOME_LIST_LENGTH]),
        "listings_in_review": list(selectors.listings_in_review(user)[:HOME_LIST_LENGTH]),
        "documents_expiring": list(selectors.documents_expiring(user)[:HOME_LIST_LENGTH]),
        "today": timezone.localdate(),
        "home_list_length": HOME_LIST_LENGTH,
    }
