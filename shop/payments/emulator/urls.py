from django.urls import path

from . import views

app_name = "alipay-emulator"

urlpatterns = [
    path("", views.trade_list, name="trade-list"),
    path("gateway.do", views.gateway, name="gateway"),
    path("trades/<int:pk>/", views.cashier, name="cashier"),
    path("trades/<int:pk>/pay/", views.pay, name="pay"),
    path("trades/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("trades/<int:pk>/notify/", views.resend_notify, name="resend-notify"),
]
