"""``/impact/``: the public impact page (outside the portal, for everyone)."""

from django.urls import path

from .views import ImpactView

urlpatterns = [path("", ImpactView.as_view(), name="impact")]
