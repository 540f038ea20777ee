import pytest

from catalog.services import product_search_text_refresh
from tests.factories import CategoryFactory, ProductFactory


@pytest.fixture
def refresh_search_text():
    """Fills ``Product.search_text`` the way the after-commit task would, for the given products."""

    def refresh(*products):
        product_search_text_refresh(product_ids=[product.pk for product in products])

    return refresh


@pytest.fixture
def specialties(db, refresh_search_text):
    """A small market: mushrooms (香菇, 木耳) under 食用菌, honey under 蜂产品, and a hidden product.

    ``随州花菇 500g`` does not say 香菇 in its title: only its category does.
    """
    fungi = CategoryFactory(name="食用菌")
    shiitake = CategoryFactory(name="香菇", parent=fungi)
    wood_ear = CategoryFactory(name="木耳", parent=fungi)
    bee = CategoryFactory(name="蜂产品")
    honey = CategoryFactory(name="蜂蜜", parent=bee)
    products = {
        "flower": ProductFactory(title="随州花菇 500g", categories=[shiitake], stockrecord__price="68.00"),
        "dried": ProductFactory(title="三里岗香菇干货", categories=[shiitake], stockrecord__price="45.50"),
        "honey": ProductFactory(title="高山土蜂蜜", categories=[honey], stockrecord__price="88.00"),
        "wood_ear": ProductFactory(
            title="随县黑木耳 250g", categories=[wood_ear], stockrecord__price="32.00"
        ),
        "hidden": ProductFactory(title="香菇试吃装（未上架）", categories=[shiitake], is_public=False),
    }
    refresh_search_text(*products.values())
    categories = {"fungi": fungi, "shiitake": shiitake, "wood_ear": wood_ear, "bee": bee, "honey": honey}
    return {"categories": categories, "products": products}
