from django.urls import path

from . import views

urlpatterns = [
    path("welfare/", views.WelfareHomeView.as_view(), name="welfare"),
    path("welfare/members/", views.RosterView.as_view(), name="welfare-roster"),
    path("welfare/members/roster.xlsx", views.RosterTemplateView.as_view(), name="welfare-roster-template"),
    path("welfare/members/<int:pk>/", views.MemberEditView.as_view(), name="welfare-member"),
    path("welfare/new/", views.CampaignFormView.as_view(), name="welfare-campaign-create"),
    path("welfare/<int:pk>/", views.CampaignDetailView.as_view(), name="welfare-campaign"),
    path("welfare/<int:pk>/edit/", views.CampaignFormView.as_view(), name="welfare-campaign-update"),
    path("welfare/<int:pk>/packs/new/", views.GiftPackView.as_view(), name="welfare-pack-create"),
    path("welfare/<int:pk>/packs/<int:pack_pk>/", views.GiftPackView.as_view(), name="welfare-pack-update"),
    path("welfare/pack/<uuid:token>/", views.PackChoiceView.as_view(), name="welfare-pack"),
]
