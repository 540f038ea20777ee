from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class ListingReviewDashboardConfig(OscarDashboardConfig):
    """商品审核 in Oscar's dashboard (/shop/dashboard/listing-reviews/): operators only."""

    name = "catalog.review"
    label = "listing_review_dashboard"
    verbose_name = _("商品审核")
    default_permissions = ["is_staff"]

    def get_urls(self):
        from . import dashboard_views as views

        return self.post_process_urls(
            [
                path("", views.review_list, name="listing-review-list"),
                path("<int:pk>/", views.review_detail, name="listing-review-detail"),
                path("<int:pk>/approve/", views.review_approve, name="listing-review-approve"),
                path("<int:pk>/reject/", views.review_reject, name="listing-review-reject"),
            ]
        )
