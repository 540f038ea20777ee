"""Links the site writes about itself (password-reset e-mails, the sitemap) use SITE_URL's
address once the deployment has migrated, not a development host and port."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site as DjangoSite
from django.core.management import call_command
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def test_migrate_points_both_sites_at_site_url(settings):
    settings.SITE_URL = "https://wenfu.example.cn"

    call_command("migrate", verbosity=0)

    assert DjangoSite.objects.get_current().domain == "wenfu.example.cn"
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("wenfu.example.cn", 443)
    assert site.root_url == "https://wenfu.example.cn"


def test_a_port_in_site_url_is_kept(settings):
    settings.SITE_URL = "http://127.0.0.1:8055"

    call_command("migrate", verbosity=0)

    assert DjangoSite.objects.get_current().domain == "127.0.0.1:8055"
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8055"


def test_password_reset_and_sitemap_links_use_site_url(client, settings, mailoutbox):
    settings.SITE_URL = "https://wenfu.example.cn"
    settings.ALLOWED_HOSTS = ["wenfu.example.cn", "testserver"]
    call_command("migrate", verbosity=0)
    get_user_model().objects.create_user("xiaomin@example.cn", "Suixian-Shopper-2026")

    client.post("/shop/password-reset/", {"email": "xiaomin@example.cn"})

    [mail] = mailoutbox
    assert "wenfu.example.cn/shop/password-reset/confirm/" in mail.body
    assert "127.0.0.1:8000" not in mail.body

    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://wenfu.example.cn/" in sitemap
    assert "127.0.0.1" not in sitemap
