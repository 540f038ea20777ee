from django.urls import path
from oscar.apps.dashboard.catalogue import apps
from oscar.core.loading import get_class

#: Dashboard pages that change what every cooperative shares (categories, product types,
#: options, attribute option groups) or show every partner's stock (stock alerts): operators
#: only, even if a cooperative user were given the model permissions.
OPERATOR_ONLY_PREFIXES = (
    "catalogue-category",
    "catalogue-class",
    "catalogue-option",
    "catalogue-attribute-option",
)
OPERATOR_ONLY_NAMES = ("stock-alert-list",)


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Oscar's product dashboard, forked so a cooperative works on its own products only."""

    name = "shop.dashboard.catalogue"

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        for name, permissions in list(self.permissions_map.items()):
            if name.startswith(OPERATOR_ONLY_PREFIXES) or name in OPERATOR_ONLY_NAMES:
                self.permissions_map[name] = ["is_staff", *permissions]
        self.permissions_map["catalogue-stockrecord-tiers"] = (
            ["is_staff"],
            DashboardPermission.partner_dashboard_access,
        )
        self.permissions_map["catalogue-product-review-withdraw"] = (
            ["is_staff"],
            DashboardPermission.partner_dashboard_access,
        )

    def ready(self):
        super().ready()
        self.stockrecord_tier_price_view = get_class("dashboard.catalogue.views", "StockRecordTierPriceView")
        self.review_withdraw_view = get_class("dashboard.catalogue.views", "ListingReviewWithdrawView")

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path(
                    "stockrecords/<int:pk>/tiers/",
                    self.stockrecord_tier_price_view.as_view(),
                    name="catalogue-stockrecord-tiers",
                ),
                path(
                    "products/<int:pk>/review/withdraw/",
                    self.review_withdraw_view.as_view(),
                    name="catalogue-product-review-withdraw",
                ),
            ]
        )
        return urls
