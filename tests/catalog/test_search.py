"""Product search: jieba-segmented search text, full-text on PostgreSQL, whole words on SQLite."""

import pytest
from django.db import transaction
from django.urls import reverse

from catalog.selectors import product_list_for_shoppers, product_search
from catalog.services import product_search_text_refresh
from tests.factories import CategoryFactory, PartnerFactory, ProductFactory, StockRecordFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("search:search")


def search_titles(query):
    return {product.title for product in product_search(product_list_for_shoppers(), query)}


def page_titles(response):
    return [product.title for product in response.context["products"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A category name finds the products filed under it, whatever their titles say.
        ("香菇", {"随州花菇 500g", "三里岗香菇干货"}),
        ("蜂蜜", {"高山土蜂蜜"}),
        ("木耳", {"随县黑木耳 250g"}),
        ("黑木耳", {"随县黑木耳 250g"}),
        ("花菇", {"随州花菇 500g"}),
        # Ancestor categories are part of the text too.
        ("食用菌", {"随州花菇 500g", "三里岗香菇干货", "随县黑木耳 250g"}),
        # Several words: a product needs them all.
        ("香菇 干货", {"三里岗香菇干货"}),
        ("香菇干货", {"三里岗香菇干货"}),
        ("香菇 蜂蜜", set()),
        # Case, punctuation and full-width spaces around words do not matter.
        ("500G", {"随州花菇 500g"}),
        ("「蜂蜜」！", {"高山土蜂蜜"}),
        ("\u3000木耳\u3000", {"随县黑木耳 250g"}),
        # A single character or a pair of a title finds it, alike on PostgreSQL and SQLite ...
        ("菇", {"随州花菇 500g", "三里岗香菇干货"}),
        ("干货", {"三里岗香菇干货"}),
        # ... but a word the products do not have finds nothing.
        ("茶叶", set()),
    ],
)
def test_selector_finds_products_containing_every_word(specialties, query, expected):
    assert search_titles(query) == expected


@pytest.mark.parametrize("query", ["", "   ", "，。！？", "___", "'\";--", "%", "\\", "()&|!:*"])
def test_selector_finds_nothing_for_a_query_without_words(specialties, query):
    assert search_titles(query) == set()


def test_search_page_lists_matching_products_only(client, specialties):
    response = client.get(SEARCH_URL, {"q": "香菇"})

    assert response.status_code == 200
    assert set(page_titles(response)) == {"随州花菇 500g", "三里岗香菇干货"}
    assert response.context["query"] == "香菇"
    content = response.content.decode()
    assert "随州花菇 500g" in content and "三里岗香菇干货" in content
    assert "高山土蜂蜜" not in content and "随县黑木耳 250g" not in content
    assert "香菇试吃装" not in content  # not public


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "，。！？……"}, {"q": "\t\n"}])
def test_search_page_without_words_shows_no_products(client, specialties, params):
    response = client.get(SEARCH_URL, params)

    assert response.status_code == 200
    assert page_titles(response) == []
    assert response.context["paginator"].count == 0


def test_search_page_ignores_a_bad_sort_order_but_keeps_the_query(client, specialties):
    response = client.get(SEARCH_URL, {"q": "蜂蜜", "sort_by": "nonsense"})

    assert page_titles(response) == ["高山土蜂蜜"]


def test_search_page_sorts_by_price(client, specialties):
    ascending = client.get(SEARCH_URL, {"q": "食用菌", "sort_by": "price-asc"})
    descending = client.get(SEARCH_URL, {"q": "食用菌", "sort_by": "price-desc"})

    assert page_titles(ascending) == ["随县黑木耳 250g", "三里岗香菇干货", "随州花菇 500g"]
    assert page_titles(descending) == ["随州花菇 500g", "三里岗香菇干货", "随县黑木耳 250g"]


def test_search_page_paginates(client, settings, refresh_search_text):
    settings.OSCAR_PRODUCTS_PER_PAGE = 2
    category = CategoryFactory(name="板栗")
    chestnuts = [ProductFactory(title=f"万和板栗 {n}", categories=[category]) for n in range(5)]
    refresh_search_text(*chestnuts)

    pages = [client.get(SEARCH_URL, {"q": "板栗", "page": page}) for page in (1, 2, 3)]

    assert [len(page_titles(page)) for page in pages] == [2, 2, 1]
    assert pages[0].context["paginator"].count == 5
    seen = [title for page in pages for title in page_titles(page)]
    assert sorted(seen) == sorted(product.title for product in chestnuts)
    assert "page=2" in pages[0].content.decode()  # a link to the next page
    assert client.get(SEARCH_URL, {"q": "板栗", "page": 4}).status_code == 404


def test_search_text_holds_title_categories_partner_upc_and_description(db, refresh_search_text):
    category = CategoryFactory(name="香菇", parent=CategoryFactory(name="食用菌"))
    product = ProductFactory(
        title="随州花菇 500g",
        upc="6901234567890",
        description="<p><strong>三里岗</strong>大棚种植</p>",
        categories=[category],
        stockrecord__partner=PartnerFactory(name="兴农合作社"),
    )

    refresh_search_text(product)

    product.refresh_from_db()
    words = product.search_text.split()
    for word in ["随州", "花菇", "500g", "6901234567890", "香菇", "食用菌", "兴农", "合作社", "三里", "大棚"]:
        assert word in words
    assert "strong" not in words


def test_search_text_refresh_ignores_products_that_no_longer_exist(db):
    assert product_search_text_refresh(product_ids=[987654]) == 0


def test_saving_a_product_refreshes_its_search_text_after_commit(
    db, eager_celery, django_capture_on_commit_callbacks
):
    category = CategoryFactory(name="蜂蜜")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            product = ProductFactory(title="高山土蜂蜜", categories=[category])

    assert callbacks  # queued by the receivers, run on commit
    product.refresh_from_db()
    assert "蜂蜜" in product.search_text.split()
    assert search_titles("蜂蜜") == {"高山土蜂蜜"}


def test_renaming_a_category_or_partner_refreshes_its_products(
    db, eager_celery, django_capture_on_commit_callbacks, refresh_search_text
):
    parent = CategoryFactory(name="食用菌")
    category = CategoryFactory(name="香菇", parent=parent)
    partner = PartnerFactory(name="兴农合作社")
    product = ProductFactory(title="随州花菇 500g", categories=[category], stockrecord=None)
    StockRecordFactory(product=product, partner=partner)
    refresh_search_text(product)
    assert search_titles("菌菇") == set()

    with django_capture_on_commit_callbacks(execute=True):
        parent.name = "菌菇"
        parent.save()
        partner.name = "绿源合作社"
        partner.save()

    assert search_titles("菌菇") == {"随州花菇 500g"}
    assert search_titles("绿源") == {"随州花菇 500g"}
    assert search_titles("兴农") == set()


# --- Pinyin -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("xianggu", {"随州花菇 500g", "三里岗香菇干货"}),
        ("xiang gu", {"随州花菇 500g", "三里岗香菇干货"}),
        ("XiangGu", {"随州花菇 500g", "三里岗香菇干货"}),
        ("heimuer", {"随县黑木耳 250g"}),
        ("fengmi", {"高山土蜂蜜"}),
        ("feng mi", {"高山土蜂蜜"}),
        ("xianggu ganhuo", {"三里岗香菇干货"}),
        ("香菇 ganhuo", {"三里岗香菇干货"}),
        # Unrelated products never match: lone syllables are no words, nor are other pinyin.
        ("xiang", set()),
        ("gu", set()),
        ("xianggu fengmi", set()),
        ("chaye", set()),
        ("xiangguo", set()),
    ],
)
def test_pinyin_finds_hanzi_products(specialties, query, expected):
    assert search_titles(query) == expected


def test_search_page_finds_shiitake_by_pinyin(client, specialties):
    response = client.get(SEARCH_URL, {"q": "xianggu"})

    assert set(page_titles(response)) == {"随州花菇 500g", "三里岗香菇干货"}
    assert "高山土蜂蜜" not in response.content.decode()


def test_search_text_holds_pinyin_of_words_but_not_of_single_hanzi(db, refresh_search_text):
    product = ProductFactory(title="随州香菇 土")

    refresh_search_text(product)

    product.refresh_from_db()
    words = product.search_text.split()
    assert "xianggu" in words and "suizhou" in words
    assert "tu" not in words


def test_search_finds_products_by_their_origin_area(db, market):
    assert search_titles("三里岗镇") == {"随州花菇 500g", "鲜香菇 2.5kg"}
    assert search_titles("yindian") == {"随县黑木耳 250g", "秋木耳 500g", "泡泡青 5kg"}
