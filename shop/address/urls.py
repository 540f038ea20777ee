from django.urls import path

from . import views

app_name = "address"

urlpatterns = [
    path("divisions/", views.division_children_view, name="divisions"),
]
