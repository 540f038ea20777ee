from django.urls import path

from . import dashboard_views as views

app_name = "onboarding-dashboard"

urlpatterns = [
    path("", views.cooperative_list, name="cooperative-list"),
    path("<int:pk>/suspend/", views.cooperative_suspend, name="cooperative-suspend"),
    path("<int:pk>/reinstate/", views.cooperative_reinstate, name="cooperative-reinstate"),
    path("applications/", views.application_list, name="application-list"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("applications/<int:pk>/license/", views.application_license, name="application-license"),
    path("applications/<int:pk>/approve/", views.application_approve, name="application-approve"),
    path("applications/<int:pk>/reject/", views.application_reject, name="application-reject"),
    path(
        "applications/<int:pk>/request-changes/",
        views.application_request_changes,
        name="application-request-changes",
    ),
    path("documents/", views.document_list, name="document-list"),
    path("documents/<int:pk>/", views.document_file, name="document-file"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document-delete"),
]
