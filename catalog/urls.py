from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("areas/<slug:slug>/", views.AreaDetailView.as_view(), name="area-detail"),
    path("cooperatives/<slug:code>/", views.CooperativeDetailView.as_view(), name="cooperative-detail"),
]
