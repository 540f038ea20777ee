"""The sites the project knows its own address from follow ``SITE_URL``."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from wagtail.models import Site

SITE_NAME = "稳富"


def sites_follow_site_url(*, root_page=None):
    """Points django.contrib.sites' site (``SITE_ID``: Oscar's e-mails, password-reset links,
    the sitemap's domain) and Wagtail's default site (its page URLs, the sitemap's links) at
    ``SITE_URL``'s host and port, and, when given, makes ``root_page`` the Wagtail site's root.

    Runs after every ``migrate`` and in ``load_demo``, so changing ``SITE_URL`` and migrating
    is enough; a row that already matches is not saved again."""
    url = urlsplit(settings.SITE_URL)
    port = url.port or (443 if url.scheme == "https" else 80)
    # Wagtail writes no port for 80 and 443, and guesses the scheme from it.
    domain = url.hostname if url.port is None else f"{url.hostname}:{url.port}"
    DjangoSite.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": SITE_NAME})

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        if root_page is None:
            return
        site = Site(is_default_site=True)
    wanted = {"hostname": url.hostname, "port": port, "site_name": SITE_NAME}
    if root_page is not None:
        wanted["root_page_id"] = root_page.pk
    if any(getattr(site, field) != value for field, value in wanted.items()):
        for field, value in wanted.items():
            setattr(site, field, value)
        site.save()


def sites_follow_site_url_after_migrate(sender, **kwargs):
    """post_migrate receiver: the database now has both tables."""
    sites_follow_site_url()
