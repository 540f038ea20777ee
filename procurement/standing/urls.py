"""定期采购 URLs, included by ``procurement.urls`` under ``standing/`` (names ``procurement:standing-…``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.StandingOrderListView.as_view(), name="standing-list"),
    path("new/", views.StandingOrderEditView.as_view(), name="standing-create"),
    path("<int:pk>/", views.StandingOrderDetailView.as_view(), name="standing-detail"),
    path("<int:pk>/edit/", views.StandingOrderEditView.as_view(), name="standing-update"),
    path("<int:pk>/activate/", views.StandingOrderActivateView.as_view(), name="standing-activate"),
    path("<int:pk>/skips/", views.StandingOrderSkipAddView.as_view(), name="standing-skip-add"),
    path(
        "<int:pk>/skips/<int:skip_pk>/delete/",
        views.StandingOrderSkipRemoveView.as_view(),
        name="standing-skip-remove",
    ),
]
