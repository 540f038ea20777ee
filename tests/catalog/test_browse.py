"""Browsing the catalogue and its categories from the database."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.onboarding.services import cooperative_suspend
from tests.factories import CategoryFactory, ProductFactory, StockRecordFactory

pytestmark = pytest.mark.django_db

CATALOGUE_URL = reverse("catalogue:index")
CARD_TITLE = re.compile(r'<h3 class="wf-card__title">\s*<a [^>]*>([^<]*)</a>')


def page_titles(response):
    """The titles of the product cards the shopper sees, in order."""
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


def test_catalogue_lists_public_products_with_prices(client, specialties):
    response = client.get(CATALOGUE_URL)

    assert response.status_code == 200
    content = response.content.decode()
    for title, price in [
        ("随州花菇 500g", "¥68.00"),
        ("三里岗香菇干货", "¥45.50"),
        ("高山土蜂蜜", "¥88.00"),
        ("随县黑木耳 250g", "¥32.00"),
    ]:
        assert title in content
        assert price in content
    assert "香菇试吃装" not in content
    assert set(page_titles(response)) == {"随州花菇 500g", "三里岗香菇干货", "高山土蜂蜜", "随县黑木耳 250g"}


def test_catalogue_leaves_out_child_products(client, db):
    parent = ProductFactory(title="随县香菇礼盒", structure="parent", stockrecord=None)
    ProductFactory(title="随县香菇礼盒 1kg 装", structure="child", parent=parent, product_class=None)

    assert page_titles(client.get(CATALOGUE_URL)) == ["随县香菇礼盒"]


def test_category_page_lists_the_category_and_its_descendants(client, specialties):
    categories = specialties["categories"]

    fungi = client.get(categories["fungi"].get_absolute_url())
    shiitake = client.get(categories["shiitake"].get_absolute_url())

    assert fungi.status_code == 200
    assert set(page_titles(fungi)) == {"随州花菇 500g", "三里岗香菇干货", "随县黑木耳 250g"}
    assert set(page_titles(shiitake)) == {"随州花菇 500g", "三里岗香菇干货"}
    assert fungi.context["category"] == categories["fungi"]
    content = shiitake.content.decode()
    assert "¥68.00" in content
    assert "高山土蜂蜜" not in content and "随县黑木耳 250g" not in content
    assert "香菇试吃装" not in content


def test_category_page_lists_a_product_in_two_subcategories_once(client, db):
    parent = CategoryFactory(name="礼盒")
    first, second = CategoryFactory(name="年货", parent=parent), CategoryFactory(name="伴手礼", parent=parent)
    ProductFactory(title="随县山珍礼盒", categories=[first, second])

    assert page_titles(client.get(parent.get_absolute_url())) == ["随县山珍礼盒"]


def test_hidden_category_is_not_found(client, db):
    category = CategoryFactory(name="内部测试", is_public=False)

    assert client.get(category.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("url_name", ["fungi", None])
def test_sorting_by_price(client, specialties, url_name):
    category = specialties["categories"]["fungi"]
    unpriced = ProductFactory(title="随县香菇 待定价", categories=[category], stockrecord=None)
    url = category.get_absolute_url() if url_name else CATALOGUE_URL

    ascending = page_titles(client.get(url, {"sort_by": "price-asc"}))
    descending = page_titles(client.get(url, {"sort_by": "price-desc"}))

    priced = ["随县黑木耳 250g", "三里岗香菇干货", "随州花菇 500g"]
    if not url_name:
        priced = ["随县黑木耳 250g", "三里岗香菇干货", "随州花菇 500g", "高山土蜂蜜"]
    # Products without a price come last either way.
    assert ascending == [*priced, unpriced.title]
    assert descending == [*reversed(priced), unpriced.title]


def test_catalogue_paginates_and_redirects_a_bad_page(client, settings, db):
    settings.OSCAR_PRODUCTS_PER_PAGE = 3
    for n in range(7):
        ProductFactory(title=f"随县葛根粉 {n}")

    pages = [page_titles(client.get(CATALOGUE_URL, {"page": page})) for page in (1, 2, 3)]

    assert [len(titles) for titles in pages] == [3, 3, 1]
    assert len({title for titles in pages for title in titles}) == 7
    assert client.get(CATALOGUE_URL, {"page": 9}).status_code == 302


# --- Query counts -------------------------------------------------------------------------------


@pytest.fixture
def product_pages(settings):
    """``make(n)`` fills a category with ``n`` products, each with an image and a stock record,
    all on one page, and returns the catalogue and category URLs."""

    def make(count):
        settings.OSCAR_PRODUCTS_PER_PAGE = count
        category = CategoryFactory(name="香菇", parent=CategoryFactory(name="食用菌"))
        for n in range(count):
            ProductFactory(title=f"随州花菇 {n}", categories=[category], with_image=True)
        return [CATALOGUE_URL, category.get_parent().get_absolute_url()]

    return make


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("page", ["catalogue", "category"])
def test_pages_use_a_bounded_number_of_queries(
    client, product_pages, django_assert_max_num_queries, listing_query_budget, count, page, uncached_listings
):
    url = dict(zip(["catalogue", "category"], product_pages(count), strict=True))[page]
    # The first render makes sorl-thumbnail generate each thumbnail and write its key-value store
    # (queries per image, once); count the second render, which is what shoppers normally get.
    warm_up = client.get(url)
    assert len(warm_up.context["products"]) == count

    with django_assert_max_num_queries(listing_query_budget):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["products"]) == count


def test_query_count_does_not_grow_with_the_page(client, product_pages, uncached_listings):
    """The same page with 5 and with 50 products costs exactly the same number of queries."""
    counts = []
    for count in (5, 50):
        url = product_pages(count)[1]
        client.get(url)  # warm up sorl-thumbnail, as above
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))

    assert counts[0] == counts[1], counts


# --- Suspended cooperatives ----------------------------------------------------------------------


def test_suspending_a_cooperative_hides_its_products_everywhere_at_once(client, market):
    lvyuan = {"随县黑木耳 250g", "秋木耳 500g", "泡泡青 5kg"}
    product = market["products"]["black"]
    category = market["categories"]["fungi"]
    search = reverse("search:search")
    assert lvyuan <= set(page_titles(client.get(CATALOGUE_URL)))
    # The cooperative that was suspended before is hidden already; the operator's own is shown.
    assert "停业香菇" not in page_titles(client.get(CATALOGUE_URL))
    assert "平台自营礼盒" in page_titles(client.get(CATALOGUE_URL))

    cooperative_suspend(cooperative=market["coops"]["lvyuan"], by=None, reason="资质过期")

    assert not lvyuan & set(page_titles(client.get(CATALOGUE_URL)))
    assert not lvyuan & set(page_titles(client.get(category.get_absolute_url())))
    assert not lvyuan & set(page_titles(client.get(search, {"q": "木耳"})))
    assert client.get(product.get_absolute_url()).status_code == 404
    assert "随县绿源黑木耳专业合作社" not in client.get(CATALOGUE_URL).content.decode()
    assert set(page_titles(client.get(CATALOGUE_URL))) == {"随州花菇 500g", "鲜香菇 2.5kg", "平台自营礼盒"}


def test_product_stocked_by_a_suspended_and_an_active_cooperative_stays_with_the_active_one(client, market):
    product = market["products"]["closed"]
    StockRecordFactory(product=product, partner=market["coops"]["xingnong"].partner, price="31.00")

    response = client.get(CATALOGUE_URL)

    assert "停业香菇" in page_titles(response)
    content = response.content.decode()
    assert "¥31.00" in content and "¥30.00" not in content
    assert client.get(product.get_absolute_url()).status_code == 200
