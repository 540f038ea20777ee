"""An operator publishes a live sale in the Wagtail admin; bad input is refused with a Chinese
message and nothing is saved."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from catalog.constants import CooperativeStatus
from cms.live.models import LiveSalePage

from .conftest import make_cooperative

BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def operator(client, db):
    user = get_user_model().objects.create_superuser(email="operator@wenfu.cn", password="x")
    client.force_login(user)
    return client


def post_sale(client, index, host, product, **overrides):
    fields = {
        "title": "三里岗香菇节直播专场",
        "slug": "xianggu-zhuanchang",
        "starts_at": "2026-12-20 19:30",
        "ends_at": "2026-12-20 21:00",
        "host": host.pk,
        "presenter": "王德全",
        "platform": "douyin",
        "stream_url": "https://live.example.com/wenfu/xianggu",
        "replay_url": "",
        "summary": "香菇大棚现场采摘。",
        "featured_products": inline_formset([{"product": product.pk, "note": "加赠香菇脆片"}]),
        "body": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "1",
        **overrides,
    }
    return client.post(f"/cms/pages/add/live/livesalepage/{index.pk}/", nested_form_data(fields))


def test_operator_publishes_a_sale_in_beijing_time_with_its_products(operator, live_index, host, product):
    response = post_sale(operator, live_index, host, product)

    assert response.status_code == 302
    sale = LiveSalePage.objects.get(slug="xianggu-zhuanchang")
    assert sale.live
    assert sale.starts_at == datetime(2026, 12, 20, 19, 30, tzinfo=BEIJING)
    assert [(link.product, link.note) for link in sale.featured_products.all()] == [(product, "加赠香菇脆片")]


def test_a_sale_ending_before_it_starts_is_refused(operator, live_index, host, product):
    response = post_sale(operator, live_index, host, product, ends_at="2026-12-20 19:00")

    assert response.status_code == 200
    assert "结束时间必须晚于开始时间。" in response.content.decode()
    assert not LiveSalePage.objects.exists()


def test_a_sale_ending_as_it_starts_is_refused(operator, live_index, host, product):
    response = post_sale(operator, live_index, host, product, ends_at="2026-12-20 19:30")

    assert "结束时间必须晚于开始时间。" in response.content.decode()
    assert not LiveSalePage.objects.exists()


@pytest.mark.parametrize("field", ["stream_url", "replay_url"])
def test_a_link_that_is_not_https_is_refused(operator, live_index, host, product, field):
    response = post_sale(operator, live_index, host, product, **{field: "http://live.example.com/wenfu"})

    assert "请填写以 https:// 开头的链接。" in response.content.decode()
    assert not LiveSalePage.objects.exists()


def test_a_suspended_cooperative_cannot_host(operator, live_index, product):
    suspended = make_cooperative(
        "yindian-lvyuan",
        "随县殷店镇绿源黑木耳专业合作社",
        organisation_code="MA48C7RD5",
        status=CooperativeStatus.SUSPENDED,
    )

    response = post_sale(operator, live_index, suspended, product)

    assert response.status_code == 200
    assert "随县殷店镇绿源黑木耳专业合作社" not in response.content.decode()
    assert response.context["form"].errors["host"]
    assert not LiveSalePage.objects.exists()


def test_the_host_select_offers_active_cooperatives_only(operator, live_index, host):
    make_cooperative(
        "yindian-lvyuan",
        "随县殷店镇绿源黑木耳专业合作社",
        organisation_code="MA48C7RD5",
        status=CooperativeStatus.SUSPENDED,
    )

    content = operator.get(f"/cms/pages/add/live/livesalepage/{live_index.pk}/").content.decode()

    assert "随县三里岗镇兴农香菇种植专业合作社" in content
    assert "随县殷店镇绿源黑木耳专业合作社" not in content
