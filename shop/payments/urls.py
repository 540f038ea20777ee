from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("alipay/notify/", views.alipay_notify, name="alipay-notify"),
    path("alipay/return/", views.AlipayReturnView.as_view(), name="alipay-return"),
    path("alipay/pay/<str:number>/", views.OrderPayView.as_view(), name="alipay-pay"),
    path("orders/<str:number>/cancel/", views.OrderCancelView.as_view(), name="order-cancel"),
]
