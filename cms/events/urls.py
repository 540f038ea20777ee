"""The festivals' calendar files, ``<event page>/event.ics`` and ``<index page>/calendar.ics``.
Wagtail's page URLs end in a slash and take no dots, so these two are routed here, before
Wagtail, and resolve the page from the path themselves."""

from django.urls import re_path

from . import views

app_name = "events"

urlpatterns = [
    re_path(r"^(?P<page_path>(?:[\w\-]+/)+)event\.ics$", views.event_ics, name="event-ics"),
    re_path(r"^(?P<page_path>(?:[\w\-]+/)+)calendar\.ics$", views.event_feed, name="calendar-ics"),
]
