"""The portal's URLs (``procurement:`` namespace). Each area's patterns live in its own package
and are included here without a namespace of their own."""

from django.urls import include, path

from . import views

app_name = "procurement"

urlpatterns = [
    path("", views.PortalHomeView.as_view(), name="home"),
    path("switch/", views.OrganisationSwitchView.as_view(), name="organisation-switch"),
    path("standing/", include("procurement.standing.urls")),
    path("", include("procurement.imports.urls")),
    path("", include("procurement.orders.urls")),
    path("", include("procurement.receiving.urls")),
    path("", include("procurement.organisations.urls")),
    path("", include("procurement.quotes.urls")),
    path("", include("procurement.billing.urls")),
    path("", include("procurement.ledger.urls")),
    path("", include("procurement.campaigns.urls")),
]
