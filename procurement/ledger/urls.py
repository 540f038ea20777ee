from django.urls import path

from . import views

urlpatterns = [
    path("ledger/", views.OrganisationLedgerView.as_view(), name="ledger"),
]
