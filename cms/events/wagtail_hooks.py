from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button, ListingButton

from cms.featuring import FEATURING_HOOK, HOME_SECTION_HOOK, FeaturingGroup, HomeSection

from . import selectors
from .admin_views import registrations_xlsx
from .models import EventPage
from .templatetags.event_tags import event_shown, event_when

#: How many festivals the home page's 近期节庆 shows.
HOME_EVENTS = 4


@hooks.register("register_admin_urls")
def register_registrations_download():
    return [
        path("events/<int:page_id>/registrations.xlsx", registrations_xlsx, name="events_registrations_xlsx")
    ]


def _download_shown(page, user):
    # The content type is known without a query, so a listing of many pages stays cheap.
    return page.specific_class is EventPage and page.permissions_for_user(user).can_edit()


def _download_url(page):
    return reverse("events_registrations_xlsx", args=[page.pk])


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name, next_url=None):
    if _download_shown(page, user) and page.specific_deferred.registration_enabled:
        yield Button(_("下载报名表"), url=_download_url(page), icon_name="download", priority=90)


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page, user, next_url=None):
    if _download_shown(page, user):
        yield ListingButton(_("下载报名表"), url=_download_url(page), icon_name="download", priority=90)


@hooks.register(FEATURING_HOOK)
def festivals_featuring(product_ids, area_ids):
    events = selectors.events_featuring(product_ids=product_ids, area_ids=area_ids)
    for event in events:
        event.featuring_note = event_when(event_shown(event))
    return FeaturingGroup(title=_("节庆活动"), pages=events, order=30)


@hooks.register(HOME_SECTION_HOOK)
def home_festivals(request, home):
    events = selectors.upcoming_events(limit=HOME_EVENTS)
    if not events:
        return None
    return HomeSection(
        template="events/includes/home_events.html",
        context={"events": events, "index": selectors.event_index_page()},
        order=30,
    )
