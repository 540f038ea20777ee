"""发票与结算 on the portal; included by ``procurement.urls`` (namespace ``procurement``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("billing/", views.BillingOverviewView.as_view(), name="billing"),
    path(
        "billing/supplier-orders/<int:pk>/invoice/",
        views.InvoiceRequestView.as_view(),
        name="invoice-request",
    ),
    path(
        "billing/supplier-orders/<int:pk>/statement.pdf",
        views.SupplierOrderStatementView.as_view(),
        name="supplier-order-statement",
    ),
    path("billing/invoices/<int:pk>/pdf/", views.InvoicePdfView.as_view(), name="invoice-pdf"),
    path("billing/settlements/new/", views.SettlementCreateView.as_view(), name="settlement-create"),
    path("billing/settlements/<int:pk>/", views.SettlementDetailView.as_view(), name="settlement-detail"),
    path(
        "billing/settlements/<int:pk>/transfer/",
        views.SettlementTransferView.as_view(),
        name="settlement-transfer",
    ),
    path(
        "billing/settlements/<int:pk>/alipay/", views.SettlementAlipayView.as_view(), name="settlement-alipay"
    ),
    path(
        "billing/settlements/<int:pk>/statement.pdf",
        views.SettlementStatementView.as_view(),
        name="settlement-statement",
    ),
]
