"""The buyer's product list and purchase-order pages, included by ``procurement.urls``."""

from django.urls import path

from . import views

urlpatterns = [
    path("products/", views.ProductListView.as_view(), name="product-list"),
    path("products/add/", views.ProductLineAddView.as_view(), name="product-line-add"),
    path("orders/", views.OrderListView.as_view(), name="order-list"),
    path("orders/new/", views.OrderFormView.as_view(), name="order-create"),
    path("orders/<int:pk>/", views.OrderDetailView.as_view(), name="order-detail"),
    path("orders/<int:pk>/edit/", views.OrderFormView.as_view(), name="order-update"),
    *(
        path(
            f"orders/<int:pk>/{action}/", views.OrderActionView.as_view(action=action), name=f"order-{action}"
        )
        for action in views.OrderActionView.ACTIONS
    ),
    path(
        "orders/<int:pk>/supplier-orders/<int:supplier_pk>/accept-short/",
        views.SupplierOrderActionView.as_view(action="accept-short"),
        name="supplier-order-accept-short",
    ),
    path(
        "orders/<int:pk>/supplier-orders/<int:supplier_pk>/cancel/",
        views.SupplierOrderActionView.as_view(action="cancel"),
        name="supplier-order-cancel",
    ),
]
