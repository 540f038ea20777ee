"""The home page as the demo ships it: hero, doors, the sales live now and next, the editor's
products and the latest news, in a bounded number of queries."""

import pytest

from cms.live.demo import HOME_PRODUCTS

pytestmark = pytest.mark.usefixtures("demo")

#: 28 measured with the demo (live sales, products and news blocks) after the first view, which
#: makes the thumbnails; the margin is for the other content areas' blocks, each bounded on its own.
HOME_QUERIES = 45


def test_home_page_shows_each_block_of_the_demo(client):
    content = client.get("/").content.decode()

    assert "稳得住 · 能致富" in content
    for door in ["特产商城", "机构采购", "乡村旅游"]:
        assert door in content
    assert "大洪山土蜂蜜直播间" in content and "直播中" in content
    assert "长岗明前茶开采直播" in content
    assert "三里岗香菇节直播专场" not in content
    assert "合作社直播带货培训班结业" in content
    products = content[content.index('id="wf-home-products-title"') :]
    positions = [products.index(title) for title in HOME_PRODUCTS]
    assert positions == sorted(positions)


def test_home_page_query_count_is_bounded(client, django_assert_max_num_queries):
    client.get("/")  # the first view makes the thumbnails and renditions
    with django_assert_max_num_queries(HOME_QUERIES):
        assert client.get("/").status_code == 200
