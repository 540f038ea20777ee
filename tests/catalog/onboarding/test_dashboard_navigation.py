"""The dashboard menu (``OSCAR_DASHBOARD_NAVIGATION``) shows each user only the pages of our
dashboard sections they may open: Oscar reads that from each section's ``permissions_map``."""

from .conftest import make_cooperative, make_user

OPERATOR_PAGES = (
    "/shop/dashboard/cooperatives/applications/",
    "/shop/dashboard/cooperatives/",
    "/shop/dashboard/listing-reviews/",
    "/shop/dashboard/payments/late/",
)
COOPERATIVE_PAGES = ("/shop/dashboard/cooperatives/documents/", "/shop/dashboard/batches/")


def test_operator_sees_every_entry(client, operator):
    client.force_login(operator)

    content = client.get("/shop/dashboard/").content.decode()

    for url in OPERATOR_PAGES + COOPERATIVE_PAGES:
        assert f'href="{url}"' in content, url


def test_cooperative_user_sees_only_its_documents_and_batches(client, db):
    user = make_user("coop@example.cn")
    make_cooperative(users=[user])
    client.force_login(user)

    content = client.get("/shop/dashboard/").content.decode()

    for url in COOPERATIVE_PAGES:
        assert f'href="{url}"' in content, url
    for url in OPERATOR_PAGES:
        assert f'href="{url}"' not in content, url
        assert client.get(url).status_code == 403, url
