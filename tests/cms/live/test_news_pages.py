"""新闻动态 as a visitor and an editor meet it: newest first by the news date, filtered by tag,
paged, linked products that are still for sale, and the news on the product and area pages."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.news.models import NewsPage, NewsPageArea, NewsPageProduct
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_news(news_index):
    def make(title, *, days_ago=0, tags=(), products=(), areas=()):
        page = news_index.add_child(
            instance=NewsPage(
                title=title,
                date=timezone.localdate() - timedelta(days=days_ago),
                product_links=[NewsPageProduct(product=p, sort_order=i) for i, p in enumerate(products)],
                area_links=[NewsPageArea(area=a, sort_order=i) for i, a in enumerate(areas)],
            )
        )
        page.tags.add(*tags)
        page.save_revision().publish()
        return page

    return make


def titles(response):
    return [item.title for item in response.context["news"].object_list]


def test_index_lists_the_newest_news_date_first(client, news_index, make_news):
    make_news("稳富平台上线试运行", days_ago=30)
    make_news("合作社直播带货培训班结业", days_ago=3)
    make_news("食堂与合作社产销对接", days_ago=21)

    assert titles(client.get(news_index.url)) == [
        "合作社直播带货培训班结业",
        "食堂与合作社产销对接",
        "稳富平台上线试运行",
    ]


def test_index_filters_by_tag(client, news_index, make_news):
    make_news("香菇小镇安置区分拣车间投入使用", tags=["香菇", "稳岗就业"])
    make_news("经霜泡泡青陆续上市", tags=["时令蔬菜"])

    response = client.get(news_index.url, {"tag": "香菇"})

    assert titles(response) == ["香菇小镇安置区分拣车间投入使用"]
    content = response.content.decode()
    assert "时令蔬菜" in content and "稳岗就业" in content


def test_an_unknown_tag_is_reported_and_every_news_shown(client, news_index, make_news):
    make_news("经霜泡泡青陆续上市", tags=["时令蔬菜"])

    response = client.get(news_index.url, {"tag": "板栗"})

    assert "没有带“板栗”标签的新闻，已显示全部新闻。" in response.content.decode()
    assert titles(response) == ["经霜泡泡青陆续上市"]


def test_index_pages_through_the_news(client, news_index, make_news):
    for day in range(12):
        make_news(f"新闻{day:02d}", days_ago=day)

    assert titles(client.get(news_index.url, {"page": 2})) == ["新闻10", "新闻11"]


def test_index_costs_the_same_queries_for_2_news_as_for_10(
    client, news_index, make_news, django_assert_max_num_queries
):
    for day in range(2):
        make_news(f"新闻{day}", days_ago=day, tags=["香菇", "平台动态"])
    with django_assert_max_num_queries(40) as few:
        client.get(news_index.url)
    queries_for_two = len(few.captured_queries)

    for day in range(2, 10):
        make_news(f"新闻{day}", days_ago=day, tags=["香菇", f"标签{day}"])
    with django_assert_max_num_queries(queries_for_two):
        assert len(titles(client.get(news_index.url))) == 10


def test_news_page_shows_its_date_tags_areas_and_products_still_for_sale(
    client, make_news, product, area, host
):
    gone = ProductFactory(title="三里岗香菇干货 250g", stockrecord__partner=host, approved_at=None)
    page = make_news(
        "香菇小镇安置区分拣车间投入使用", days_ago=14, tags=["香菇"], products=[product, gone], areas=[area]
    )

    content = client.get(page.url).content.decode()

    day = timezone.localdate() - timedelta(days=14)
    assert f"{day.year}年{day.month}月{day.day}日" in content
    assert "香菇" in content and "三里岗镇香菇小镇安置区" in content
    assert "/shop/areas/sanligang-jixiangsi/" in content
    assert "随州花菇 500g" in content
    assert "三里岗香菇干货 250g" not in content


def test_product_and_area_pages_list_the_news_about_them(client, make_news, product, area):
    make_news("香菇小镇安置区分拣车间投入使用", products=[product])
    make_news("三里岗镇安置区新貌", areas=[area])
    make_news("经霜泡泡青陆续上市")

    product_page = client.get(product.get_absolute_url()).content.decode()
    area_page = client.get(f"/shop/areas/{area.slug}/").content.decode()

    assert "相关新闻" in product_page
    assert "香菇小镇安置区分拣车间投入使用" in product_page and "三里岗镇安置区新貌" in product_page
    assert "三里岗镇安置区新貌" in area_page
    assert "经霜泡泡青陆续上市" not in product_page + area_page


def test_an_editor_adds_tagged_news_with_its_own_date(client, news_index, product):
    client.force_login(get_user_model().objects.create_superuser(email="operator@wenfu.cn", password="x"))
    data = {
        "title": "经霜泡泡青陆续上市",
        "slug": "paopaoqing-shangshi",
        "date": "2026-11-25",
        "tags": "时令蔬菜, 机构采购",
        "summary": "厉山镇的冬季叶菜。",
        "body": streamfield([("paragraph", rich_text("<p>泡泡青陆续开采。</p>"))]),
        "product_links": inline_formset([{"product": product.pk}]),
        "area_links": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "1",
    }

    response = client.post(f"/cms/pages/add/news/newspage/{news_index.pk}/", nested_form_data(data))

    assert response.status_code == 302
    page = NewsPage.objects.get(slug="paopaoqing-shangshi")
    assert page.date == date(2026, 11, 25)
    assert sorted(tag.name for tag in page.tags.all()) == ["时令蔬菜", "机构采购"]
    assert [link.product for link in page.product_links.all()] == [product]
