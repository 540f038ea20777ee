from django.urls import path

from . import views

app_name = "payments-dashboard"

urlpatterns = [
    path("late/", views.late_payment_list, name="late-payment-list"),
]
