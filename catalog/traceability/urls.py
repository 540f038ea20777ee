from django.urls import path

from . import views

app_name = "traceability"

urlpatterns = [
    path("<uuid:token>/", views.trace_detail, name="detail"),
    path("<uuid:token>/report/", views.trace_report, name="report"),
]
