from django.urls import path

from . import dashboard_views as views

app_name = "listing-review-dashboard"

urlpatterns = [
    path("", views.review_list, name="review-list"),
    path("<int:pk>/", views.review_detail, name="review-detail"),
    path("<int:pk>/approve/", views.review_approve, name="review-approve"),
    path("<int:pk>/reject/", views.review_reject, name="review-reject"),
]
