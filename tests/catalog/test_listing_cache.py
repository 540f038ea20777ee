"""Cached listings (catalog/listing_cache.py): anonymous shoppers are served product lists from
the cache, and every change a list shows — an approved change, a new approved product, a
suspension, a price, the last unit sold — is on the very next request of every list that had the
product. Signed-in shoppers and baskets are never served from another visitor's cache."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.constants import ListingReviewKind
from catalog.models import ListingReview
from catalog.onboarding.services import cooperative_suspend
from catalog.review.services import listing_change_submit, listing_review_approve
from tests.catalog.dashboard.helpers import operator_user
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")
CARD = re.compile(r'<article class="product_pod wf-card">.*?</article>', re.S)
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.I)


def lists_of(market):
    """Every list the product ``black`` (随县黑木耳 250g of 绿源, from 东岳) is on."""
    coop = market["coops"]["lvyuan"]
    return {
        "catalogue": reverse("catalogue:index"),
        "category": market["categories"]["wood_ear"].get_absolute_url(),
        "search": reverse("search:search") + "?q=木耳",
        "area": f"/shop/areas/{market['areas']['dongyue'].slug}/",
        "cooperative": f"/shop/cooperatives/{coop.partner.code}/",
    }


def card_of(client, url, title):
    """The card of the product ``title`` on the list at ``url``, or None."""
    page = client.get(url)
    assert page.status_code == 200, url
    return next((card for card in CARD.findall(page.content.decode()) if title in card), None)


def warm(client, market):
    """Every list once, so the next requests are served from the cache."""
    for url in lists_of(market).values():
        assert card_of(client, url, "随县黑木耳 250g") is not None, url


def test_a_cached_list_asks_the_database_nothing_about_products(client, market):
    url = reverse("catalogue:index")
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)

    assert "随县黑木耳 250g" in page.content.decode()
    product_queries = [query["sql"] for query in queries if "catalogue_product" in query["sql"]]
    assert product_queries == []


@pytest.fixture
def submitter(django_user_model):
    """The cooperative's staff member who submits listings."""
    return django_user_model.objects.create_user("lvyuan@example.cn", "Lvyuan-2026!")


def test_an_approved_change_shows_on_every_list_at_once(client, market, submitter):
    warm(client, market)
    product = market["products"]["black"]
    review = listing_change_submit(
        product=product,
        user=submitter,
        changes={"fields": {"title": {"before": product.title, "after": "随县黑木耳 250g（新茬）"}}},
    )
    assert review.kind == ListingReviewKind.CHANGE

    listing_review_approve(review=ListingReview.objects.get(pk=review.pk), actor=operator_user())

    for name, url in lists_of(market).items():
        if name == "search":
            continue  # found by the search text, refreshed after commit by a task
        assert card_of(client, url, "随县黑木耳 250g（新茬）") is not None, name


def test_a_newly_approved_product_shows_on_every_list_at_once(client, market, submitter):
    warm(client, market)
    product = ProductFactory(
        title="随县春木耳 250g",
        categories=[market["categories"]["wood_ear"]],
        origin_area=market["areas"]["dongyue"],
        stockrecord__partner=market["coops"]["lvyuan"].partner,
        stockrecord__price="40.00",
        approved_at=None,
    )
    for name, url in lists_of(market).items():
        assert card_of(client, url, "随县春木耳 250g") is None, name

    review = ListingReview.objects.create(
        product=product, kind=ListingReviewKind.NEW, changes={}, submitted_by=submitter
    )
    listing_review_approve(review=review, actor=operator_user())

    for name, url in lists_of(market).items():
        if name != "search":
            assert card_of(client, url, "随县春木耳 250g") is not None, name


def test_a_suspension_empties_every_list_of_the_cooperative_at_once(client, market):
    warm(client, market)

    cooperative_suspend(cooperative=market["coops"]["lvyuan"], by=None, reason="资质过期")

    for name, url in lists_of(market).items():
        if name == "cooperative":
            assert client.get(url).status_code == 404
        else:
            assert card_of(client, url, "随县黑木耳 250g") is None, name


def test_a_price_change_shows_on_every_list_at_once(client, market):
    warm(client, market)
    record = StockRecord.objects.get(product=market["products"]["black"])

    record.price = "39.90"
    record.save()

    for name, url in lists_of(market).items():
        card = card_of(client, url, "随县黑木耳 250g")
        assert "¥39.90" in card and "¥42.00" not in card, name


def test_the_last_unit_sold_shows_as_sold_out_on_every_list_at_once(client, market):
    warm(client, market)
    record = StockRecord.objects.get(product=market["products"]["black"])
    record.num_in_stock, record.num_allocated = 3, 0
    record.save()
    warm(client, market)

    record.allocate(2)  # an order: one left, the lists need not change
    for url in lists_of(market).values():
        assert "加入购物车" in card_of(client, url, "随县黑木耳 250g")
    record.allocate(1)  # the last one

    for name, url in lists_of(market).items():
        card = card_of(client, url, "随县黑木耳 250g")
        assert "暂时缺货" in card and "加入购物车" not in card, name


def test_two_shoppers_share_the_list_but_not_their_baskets(client, market):
    url = reverse("catalogue:index")
    product = market["products"]["black"]
    assert client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}).status_code == 302
    other = Client()

    mine, theirs = client.get(url).content.decode(), other.get(url).content.decode()
    mine_again = client.get(url).content.decode()

    basket_count = re.compile(r'wf-basket-count">(\d+)<')
    assert basket_count.search(mine).group(1) == "1"
    assert basket_count.search(mine_again).group(1) == "1"
    assert basket_count.search(theirs).group(1) == "0"


def test_a_cached_card_carries_each_visitors_own_csrf_token(client, market):
    url = reverse("catalogue:index")
    client.get(url)  # cached by another visitor
    shopper = Client(enforce_csrf_checks=True)
    page = shopper.get(url).content.decode()
    card = next(card for card in CARD.findall(page) if "随县黑木耳 250g" in card)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', card).group(1)
    action = re.search(r'action="([^"]+)"', card).group(1)

    response = shopper.post(action, {"csrfmiddlewaretoken": token, "quantity": 1})

    assert response.status_code == 302
    assert "随县黑木耳 250g" in shopper.get(reverse("basket:summary")).content.decode()


def test_a_signed_in_shopper_is_never_served_the_shared_list(client, market, django_user_model):
    url = reverse("catalogue:index")
    client.get(url)  # the anonymous list, cached
    # A change no signal reports (a bulk update): the shared list may keep the old price up to
    # its stated minute, a signed-in shopper's list is rendered for them from the database.
    StockRecord.objects.filter(product=market["products"]["black"]).update(price="41.00")
    shopper = django_user_model.objects.create_user("li.na@example.cn", "Suixian-2026!")
    client.force_login(shopper)

    assert "¥41.00" in card_of(client, url, "随县黑木耳 250g")


@pytest.mark.parametrize(
    "url",
    ["/", "/shop/catalogue/", "/shop/search/?q=木耳", "/shop/areas/dongyue/", "/shop/cooperatives/lvyuan/"],
)
def test_an_anonymous_shoppers_get_writes_nothing(client, market, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
        product = client.get(market["products"]["black"].get_absolute_url())
        assert product.status_code == 200
    assert [query["sql"] for query in queries if WRITES.match(query["sql"])] == []


def test_parameters_a_list_does_not_read_share_its_entry_and_those_it_reads_do_not(client, market):
    url = reverse("catalogue:index")
    client.get(url)

    with CaptureQueriesContext(connection) as tagged:
        tagged_page = client.get(url + "?utm_source=wechat&x=1")
    sorted_page = client.get(url + "?sort_by=price-asc")

    assert not [query for query in tagged if "catalogue_product" in query["sql"]]
    assert "随县黑木耳 250g" in tagged_page.content.decode()
    titles = re.findall(r'<h3 class="wf-card__title">\s*<a [^>]*>([^<]*)</a>', sorted_page.content.decode())
    assert titles[0] == "随县黑木耳 250g"  # the cheapest (¥42.00) first, not the cached order


# --- The product page ---------------------------------------------------------------------------


def product_page(client, product):
    """The text of ``product``'s page for ``client``."""
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_cached_product_page_asks_the_database_nothing_about_the_product(client, market):
    product = market["products"]["black"]
    product_page(client, product)

    with CaptureQueriesContext(connection) as queries:
        page = product_page(Client(), product)

    assert "随县黑木耳 250g" in page and "¥42.00" in page and "加入购物车" in page
    assert "<title>随县黑木耳 250g |" in page
    assert [query["sql"] for query in queries if "catalogue_" in query["sql"]] == []


def test_a_cached_product_page_still_redirects_a_wrong_slug(client, market):
    product = market["products"]["black"]
    product_page(client, product)

    response = client.get(f"/shop/catalogue/wrong-slug_{product.pk}/")

    assert response.status_code == 301
    assert response["Location"] == product.get_absolute_url()


def test_an_approved_change_a_price_and_the_last_unit_show_on_the_product_page_at_once(
    client, market, submitter
):
    product = market["products"]["black"]
    product_page(client, product)
    review = listing_change_submit(
        product=product,
        user=submitter,
        changes={"fields": {"title": {"before": product.title, "after": "随县黑木耳 250g（新茬）"}}},
    )
    listing_review_approve(review=ListingReview.objects.get(pk=review.pk), actor=operator_user())
    assert "随县黑木耳 250g（新茬）" in product_page(client, product)

    record = StockRecord.objects.get(product=product)
    record.price = "39.90"
    record.save()
    assert "¥39.90" in product_page(client, product)

    record.num_in_stock, record.num_allocated = 1, 0
    record.save()
    assert "加入购物车" in product_page(client, product)
    record.allocate(1)
    page = product_page(client, product)
    assert "加入购物车" not in page and "到货提醒我" in page


def test_a_suspended_cooperatives_cached_product_page_is_gone_at_once(client, market):
    product = market["products"]["black"]
    product_page(client, product)

    cooperative_suspend(cooperative=market["coops"]["lvyuan"], by=None, reason="资质过期")

    assert client.get(product.get_absolute_url()).status_code == 404


def test_a_cached_product_page_still_counts_the_view_and_remembers_it_for_the_visitor(
    client, market, eager_celery, django_capture_on_commit_callbacks
):
    ProductRecord = get_model("analytics", "ProductRecord")
    black, autumn = market["products"]["black"], market["products"]["autumn"]
    with django_capture_on_commit_callbacks(execute=True):
        product_page(Client(), black)  # cached by another visitor
        product_page(client, black)
        page = product_page(client, autumn)

    assert ProductRecord.objects.get(product=black).num_views == 2
    recently_viewed = page.split("最近浏览", 1)[1]
    assert "随县黑木耳 250g" in recently_viewed


def test_a_cached_product_page_carries_each_visitors_own_csrf_token(client, market):
    product = market["products"]["black"]
    product_page(client, product)
    shopper = Client(enforce_csrf_checks=True)
    page = product_page(shopper, product)
    token = re.search(r'id="add_to_basket_form".*?name="csrfmiddlewaretoken" value="([^"]+)"', page, re.S)

    response = shopper.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"csrfmiddlewaretoken": token.group(1), "quantity": 1},
    )

    assert response.status_code == 302
    assert "随县黑木耳 250g" in shopper.get(reverse("basket:summary")).content.decode()


def test_staff_are_never_served_the_shared_product_page(client, market):
    product = market["products"]["black"]
    assert "编辑商品" not in product_page(client, product)
    client.force_login(operator_user())

    assert "编辑商品" in product_page(client, product)
