from django.urls import path, re_path

from . import dashboard_views as views

BATCH = r"^(?P<pk>[0-9]+)/"

app_name = "traceability-dashboard"

urlpatterns = [
    path("", views.BatchListView.as_view(), name="batch-list"),
    path("create/", views.BatchCreateView.as_view(), name="batch-create"),
    path("<int:pk>/", views.BatchDetailView.as_view(), name="batch-detail"),
    path("<int:pk>/edit/", views.BatchUpdateView.as_view(), name="batch-update"),
    re_path(BATCH + r"qr\.(?P<format>png|svg)$", views.BatchQRCodeView.as_view(), name="batch-qr"),
    re_path(
        BATCH + r"labels\.(?P<format>pdf|png)$",
        views.BatchLabelSheetView.as_view(),
        name="batch-labels",
    ),
]
