"""The products the home page features: the editor's, in the editor's order, while they are for
sale; the best sellers when the editor has chosen none."""

import pytest
from oscar.core.loading import get_model

from cms.models import HomePageProduct
from tests.factories import ProductFactory

ProductRecord = get_model("analytics", "ProductRecord")

pytestmark = pytest.mark.django_db


def feature(home, *products):
    home.featured_products = [HomePageProduct(product=p, sort_order=i) for i, p in enumerate(products)]
    home.save_revision().publish()


def test_featured_products_show_in_the_editors_order(client, home):
    honey, mushroom, tea = (
        ProductFactory(title=t) for t in ["高山土蜂蜜 500g", "随州花菇 500g", "明前毛尖 100g"]
    )
    ProductFactory(title="板栗干 500g")
    feature(home, tea, honey, mushroom)

    content = client.get("/").content.decode()

    positions = [content.index(title) for title in ["明前毛尖 100g", "高山土蜂蜜 500g", "随州花菇 500g"]]
    assert positions == sorted(positions)
    assert "板栗干 500g" not in content


def test_without_choices_the_home_page_shows_the_best_sellers(client, home):
    ProductFactory(title="板栗干 500g")
    best = ProductFactory(title="随州花菇 500g")
    ProductRecord.objects.create(product=best, num_purchases=50)
    home.featured_products_count = 1
    home.save_revision().publish()

    content = client.get("/").content.decode()

    assert "随州花菇 500g" in content and "板栗干 500g" not in content


def test_a_featured_product_that_loses_approval_leaves_the_home_page(client, home):
    honey, mushroom = ProductFactory(title="高山土蜂蜜 500g"), ProductFactory(title="随州花菇 500g")
    feature(home, honey, mushroom)
    assert "高山土蜂蜜 500g" in client.get("/").content.decode()

    honey.approved_at = None
    honey.save()

    content = client.get("/").content.decode()
    assert "高山土蜂蜜 500g" not in content and "随州花菇 500g" in content
