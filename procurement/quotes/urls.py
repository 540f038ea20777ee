"""The buyer's quote pages, included by ``procurement.urls`` (namespace ``procurement``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("quotes/", views.QuoteRequestListView.as_view(), name="quote-list"),
    path("quotes/new/", views.QuoteRequestCreateView.as_view(), name="quote-create"),
    path("quotes/<int:pk>/", views.QuoteRequestDetailView.as_view(), name="quote-detail"),
    path("quotes/<int:pk>/cancel/", views.QuoteRequestCancelView.as_view(), name="quote-cancel"),
    path(
        "quotes/<int:pk>/answers/<int:answer_pk>/accept/",
        views.QuoteAnswerAcceptView.as_view(),
        name="quote-answer-accept",
    ),
]
