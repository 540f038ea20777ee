"""What shoppers type, over the demo catalogue: for each query, the products that must come first
(in any order among themselves) and those that must not be found. Run on SQLite by ``make test``
and on PostgreSQL by CI, so both databases rank alike."""

import pytest

from catalog.selectors import product_list_for_shoppers, product_search
from tests.demo.conftest import _demo_loaded, demo  # noqa: F401 (the demo, loaded once per module)

pytestmark = pytest.mark.usefixtures("demo")

SHIITAKE = {
    "随州花菇 500g",
    "三里岗香菇干货 250g",
    "三里岗厚肉香菇礼盒 1kg",
    "香菇脆片 100g",
    "香菇牛肉酱 210g×2瓶",
    "鲜香菇 2.5kg 产地直发",
    "黑木耳香菇组合礼盒",
}
GREEN_TEA = {"长岗炒青绿茶 500g", "明前毛尖 100g", "随县高山云雾茶 250g"}
BLACK_TEA = {"随县工夫红茶 200g", "红茶袋泡茶 2g×30袋"}
CAMELLIA_OIL = {"洪山油茶籽油 5L", "洪山油茶籽油 500ml", "冷榨山茶油礼盒 1L×2", "油茶籽油 2.5L"}
HONEY = {"高山土蜂蜜 500g", "洋槐蜂蜜 500g", "百花蜜 1kg", "大洪山土蜂巢蜜 400g", "枣花蜜 500g"}
CHESTNUT = {"万和鲜板栗 2.5kg", "即食甘栗仁 100g×10袋", "板栗干 500g", "板栗粉 400g"}
FUNGUS = {"随县黑木耳 250g", "秋木耳 500g", "小碗耳 200g", "黑木耳香菇组合礼盒"}
KUDZU = {"野生葛根粉 1kg", "葛根粉罐装 500g", "葛根面条 1kg", "葛根茶 150g"}
GINKGO = {"小林银杏果 500g", "银杏叶茶 100g", "白果仁真空装 250g"}
DATES = {"随县金丝蜜枣 500g", "蜜枣礼盒 1kg"}
HAZEL_MUSHROOM = "大洪山野生榛蘑 200g"  # its cooperative's name has 香菇; it is no shiitake

TABLE = [
    # (query, the products that come first, products that must not be found)
    # One character, as often typed as a word: every title (or category) with it.
    ("茶", GREEN_TEA | BLACK_TEA | CAMELLIA_OIL | {"葛根茶 150g", "银杏叶茶 100g"}, HONEY),
    ("菇", SHIITAKE | {"野生松乳菇干 150g"}, HONEY),
    ("蜜", HONEY | DATES, CHESTNUT),
    ("栗", CHESTNUT, HONEY),
    ("耳", FUNGUS, SHIITAKE - FUNGUS),
    # Two characters inside a longer word of the title.
    ("巢蜜", {"大洪山土蜂巢蜜 400g"}, HONEY - {"大洪山土蜂巢蜜 400g"}),
    ("炒青", {"长岗炒青绿茶 500g"}, BLACK_TEA),
    ("毛尖", {"明前毛尖 100g"}, BLACK_TEA),
    ("茶油", {"冷榨山茶油礼盒 1L×2"}, GREEN_TEA),
    # Words: the product's own title or category before a cooperative's or area's name.
    ("香菇", SHIITAKE, HONEY),
    ("绿茶", GREEN_TEA, BLACK_TEA | CAMELLIA_OIL),
    ("红茶", BLACK_TEA, GREEN_TEA),
    ("茶叶", GREEN_TEA | BLACK_TEA, CAMELLIA_OIL),
    ("蜂蜜", HONEY, DATES),
    ("木耳", FUNGUS, HONEY),
    ("板栗", CHESTNUT, HONEY),
    ("葛根", KUDZU, HONEY),
    ("银杏", GINKGO, HONEY),
    ("蜜枣", DATES, HONEY),
    ("油茶", CAMELLIA_OIL, GREEN_TEA),
    ("泡泡青", {"随州泡泡青 2.5kg", "泡泡青 5kg 食堂装", "腌泡泡青 500g"}, HONEY),
    ("土鸡蛋", {"林下散养土鸡蛋 30枚"}, HONEY),
    # Full pinyin, joined or as syllables.
    ("xianggu", SHIITAKE, HONEY),
    ("xiang gu", SHIITAKE, HONEY),
    ("fengmi", HONEY, SHIITAKE),
    ("banli", CHESTNUT, HONEY),
    # Pinyin initials.
    ("xg", SHIITAKE, HONEY | {HAZEL_MUSHROOM}),
    ("fm", HONEY, SHIITAKE),
    ("lc", GREEN_TEA, BLACK_TEA),
    ("hc", BLACK_TEA, GREEN_TEA),
    ("mz", DATES, HONEY),
    # Several words: all of them.
    (
        "香菇 礼盒",
        {"三里岗厚肉香菇礼盒 1kg", "黑木耳香菇组合礼盒"},
        SHIITAKE - {"三里岗厚肉香菇礼盒 1kg", "黑木耳香菇组合礼盒"},
    ),
    ("香菇礼盒", {"三里岗厚肉香菇礼盒 1kg", "黑木耳香菇组合礼盒"}, {"香菇脆片 100g", "蜜枣礼盒 1kg"}),
    ("食堂装", {"厉山富硒大米 10kg 食堂装", "泡泡青 5kg 食堂装"}, HONEY),
    # A homophone typed by mistake still finds the product ...
    ("香姑", SHIITAKE, HONEY),
    ("蜂密", HONEY, SHIITAKE),
    # ... a character that merely looks alike finds nothing rather than something wrong.
    ("板粟", set(), CHESTNUT),
    # Places: the products from there, its own title first.
    ("三里岗", {"三里岗香菇干货 250g", "三里岗厚肉香菇礼盒 1kg"}, HONEY),
]


@pytest.mark.parametrize(("query", "first", "absent"), TABLE, ids=[row[0] for row in TABLE])
def test_query_finds_its_products_first_and_not_the_others(query, first, absent):
    titles = [product.title for product in product_search(product_list_for_shoppers(), query)]

    assert set(titles[: len(first)]) == first, titles
    assert not absent & set(titles), titles


def test_a_cooperatives_name_ranks_after_the_products_titled_with_the_word():
    titles = [product.title for product in product_search(product_list_for_shoppers(), "香菇")]

    assert titles[-1] == HAZEL_MUSHROOM
    assert set(titles[:-1]) == SHIITAKE


def test_the_search_page_shows_a_shoppers_one_character_query_ranked(client):
    response = client.get("/shop/search/", {"q": "茶"})
    titles = [product.title for product in response.context["products"]]

    assert response.status_code == 200
    assert GREEN_TEA <= set(titles)
    content = response.content.decode()
    assert all(title in content for title in GREEN_TEA)

    shiitake = [product.title for product in client.get("/shop/search/", {"q": "xg"}).context["products"]]
    assert set(shiitake) == SHIITAKE
