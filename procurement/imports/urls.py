"""URLs of the Excel import (included by ``procurement.urls``, namespace ``procurement``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("orders/import/", views.OrderImportView.as_view(), name="order-import"),
    path(
        "orders/import/template.xlsx", views.OrderImportTemplateView.as_view(), name="order-import-template"
    ),
    path("orders/import/<int:pk>/", views.ImportJobView.as_view(), name="order-import-job"),
]
