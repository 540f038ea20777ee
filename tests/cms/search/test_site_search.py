"""The site search, /search/?q=, as a visitor uses it: Chinese sub-words find pages and products
on one results page."""

import pytest
from wagtail.models import PageViewRestriction

from catalog.services import product_search_text_refresh
from cms.site_search import PAGES_PER_PAGE, PRODUCT_PREVIEW
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def products(*titles):
    made = [ProductFactory(title=title) for title in titles]
    product_search_text_refresh(product_ids=[product.pk for product in made])
    return made


def search(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


def page_titles(response):
    results = response.context["results"]
    return [hit.title for hit in results.page_hits] if results else []


def product_titles(response):
    results = response.context["results"]
    return [product.title for product in results.products] if results else []


def test_a_sub_word_finds_the_page_and_the_products(client, attraction):
    attraction("三里岗香菇节", summary="每年十月，三里岗镇香菇小镇的丰收节。")
    attraction("大洪山风景区", summary="鄂中第一峰。")
    products("三里岗香菇干货 250g", "随州花菇 500g", "高山土蜂蜜 500g")

    response = search(client, "香菇")
    # And the 节庆活动 section, whose intro names a 香菇节 (the order is the backend's ranking).
    assert set(page_titles(response)) == {"三里岗香菇节", "节庆活动"}
    assert product_titles(response) == ["三里岗香菇干货 250g"]
    content = response.content.decode()
    assert "每年十月，三里岗镇香菇小镇的丰收节。" in content
    assert 'href="/xiangcun-lvyou/san-li-gang-xiang-gu-jie/"' in content
    assert "在商城中查看全部 →" in content and 'href="/shop/search/?q=%E9%A6%99%E8%8F%87"' in content

    assert set(page_titles(search(client, "大洪山"))) == {"大洪山风景区", "乡村旅游"}
    assert product_titles(search(client, "花菇")) == ["随州花菇 500g"]


def test_every_word_of_the_query_is_required(client, attraction):
    attraction("三里岗香菇节")
    attraction("大洪山风景区", summary="山上有茶园。")
    assert page_titles(search(client, "大洪山 茶园")) == ["大洪山风景区"]
    assert page_titles(search(client, "大洪山 香菇")) == []


def test_pinyin_finds_the_page_too(client, attraction):
    attraction("三里岗香菇节")
    assert "三里岗香菇节" in page_titles(search(client, "xianggu"))


def test_drafts_and_private_pages_are_not_found(client, attraction):
    attraction("香菇节筹备（草稿）", publish=False)
    private = attraction("香菇节内部安排")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    attraction("三里岗香菇节")
    assert set(page_titles(search(client, "香菇节"))) == {"三里岗香菇节", "节庆活动"}


def test_a_published_change_is_found_by_its_new_words(client, attraction):
    page = attraction("三里岗香菇节", summary="丰收节")
    assert page_titles(search(client, "银杏")) == []
    page.summary = "香菇和银杏一起赏"
    page.save_revision().publish()
    assert page_titles(search(client, "银杏")) == ["三里岗香菇节"]


def test_nothing_found_says_so_in_chinese_and_keeps_the_query(client, sections):
    content = search(client, "不存在的东西").content.decode()
    assert "没有找到与“不存在的东西”相关的页面或商品。" in content
    # Kept in the page's box and in the header's, which both search the site.
    assert 'id="id_q"' in content and content.count('value="不存在的东西"') == 2
    assert 'action="/search/"' in content


@pytest.mark.parametrize("q", ["！？。", "...", "   ", "——"])
def test_punctuation_alone_finds_nothing(client, attraction, q):
    attraction("三里岗香菇节")
    products("三里岗香菇干货 250g")
    response = search(client, q)
    assert page_titles(response) == [] and product_titles(response) == []


def test_an_empty_query_invites_a_search(client, sections):
    response = search(client, "")
    assert response.context["results"] is None
    assert "一次搜索页面和商品" in response.content.decode()


def test_a_too_long_query_is_refused_in_chinese(client, attraction):
    attraction("三里岗香菇节")
    response = search(client, "香菇" * 51)
    assert response.context["results"] is None
    assert "搜索词太长了：最多 100 个字，现在有 102 个。" in response.content.decode()


def test_a_nul_byte_is_refused(client, sections):
    assert client.get("/search/", {"q": "香菇\x00"}).status_code == 400


def test_pages_are_paginated_and_a_bad_page_number_shows_a_real_page(client, attraction):
    for number in range(PAGES_PER_PAGE * 2 + 3):
        attraction(f"香菇基地{number}号", slug=f"jidi-{number}")
    first = search(client, "基地")
    assert len(page_titles(first)) == PAGES_PER_PAGE
    assert first.context["results"].page_obj.paginator.count == PAGES_PER_PAGE * 2 + 3
    assert "page=2" in first.content.decode() and "q=%E5%9F%BA%E5%9C%B0" in first.content.decode()
    assert len(page_titles(search(client, "基地", page=3))) == 3
    assert len(page_titles(search(client, "基地", page="abc"))) == PAGES_PER_PAGE
    assert len(page_titles(search(client, "基地", page=99))) == 3


def test_products_beyond_the_preview_are_counted_and_left_to_the_shop(client, sections):
    products(*[f"香菇酱{number}" for number in range(PRODUCT_PREVIEW + 4)])
    response = search(client, "香菇")
    assert len(product_titles(response)) == PRODUCT_PREVIEW
    assert "商品（12）" in response.content.decode()


def test_the_header_box_leads_here_from_site_pages_and_to_the_shop_from_shop_pages(client, sections):
    assert 'action="/search/"' in client.get("/").content.decode()
    assert 'action="/shop/search/"' in client.get("/shop/catalogue/").content.decode()


def test_a_results_page_takes_a_bounded_number_of_queries(client, attraction, django_assert_max_num_queries):
    for number in range(PAGES_PER_PAGE):
        attraction(f"香菇基地{number}号", slug=f"jidi-{number}", summary="香菇大棚")
    products(*[f"香菇酱{number}" for number in range(PRODUCT_PREVIEW + 2)])
    with django_assert_max_num_queries(30):
        response = search(client, "香菇")
    assert len(page_titles(response)) == PAGES_PER_PAGE and len(product_titles(response)) == PRODUCT_PREVIEW
