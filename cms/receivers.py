"""The shop's cached pages show links to the site's public pages (cms_links.pages_featuring):
what visitors see of a page changes when it is published, unpublished, moved or deleted."""

from wagtail.models import Page

from catalog.listing_cache import listings_changed


def public_page_changed(sender, **kwargs):
    listings_changed()


def public_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        listings_changed()
