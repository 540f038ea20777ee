"""The buyer's supplier-order pages (included by ``procurement.urls``, namespace ``procurement``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("supplier-orders/<int:pk>/", views.SupplierOrderDetailView.as_view(), name="supplier-order-detail"),
    path(
        "supplier-orders/<int:pk>/receive/",
        views.SupplierOrderReceiveView.as_view(),
        name="supplier-order-receive",
    ),
    path("receipt-photos/<int:pk>/", views.receipt_photo, name="receipt-photo"),
]
