"""Registration, the organisation's details and settings, members, invitations and delivery
addresses (included by ``procurement.urls``, namespace ``procurement``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("register/", views.RegisterView.as_view(), name="register"),
    path("organisation/", views.OrganisationView.as_view(), name="organisation"),
    path("organisation/resubmit/", views.ResubmitView.as_view(), name="organisation-resubmit"),
    path("organisation/settings/", views.SettingsView.as_view(), name="organisation-settings"),
    path("members/", views.MemberListView.as_view(), name="member-list"),
    path("members/<int:pk>/edit/", views.MemberEditView.as_view(), name="member-edit"),
    path("members/<int:pk>/remove/", views.MemberRemoveView.as_view(), name="member-remove"),
    path("members/invitations/<int:pk>/", views.InvitationDetailView.as_view(), name="invitation-detail"),
    path("invitations/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation-accept"),
    path("addresses/", views.AddressListView.as_view(), name="address-list"),
    path("addresses/add/", views.AddressFormView.as_view(), name="address-create"),
    path("addresses/<int:pk>/edit/", views.AddressFormView.as_view(), name="address-update"),
    path(
        "addresses/<int:pk>/deactivate/",
        views.AddressActiveView.as_view(activate=False),
        name="address-deactivate",
    ),
    path(
        "addresses/<int:pk>/activate/",
        views.AddressActiveView.as_view(activate=True),
        name="address-activate",
    ),
]
