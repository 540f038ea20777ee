from django.urls import path

from . import views

urlpatterns = [
    path("ledger/", views.OrganisationLedgerView.as_view(), name="ledger"),
    path("ledger/exports/<int:pk>/", views.LedgerExportView.as_view(), name="ledger-export"),
    path(
        "ledger/exports/<int:pk>/download/",
        views.LedgerExportDownloadView.as_view(),
        name="ledger-export-download",
    ),
]
