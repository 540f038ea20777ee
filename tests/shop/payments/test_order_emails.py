"""The shopper's order e-mails go through Oscar's communication events: wholly Chinese, with an
HTML version, recorded on the order and in the shopper's e-mail history, and worded by whatever
the operator saved in the dashboard."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from oscar.core.loading import get_model

from shop.order.constants import OrderStatus
from shop.order.tasks import order_placed_email_task
from shop.payments import services
from tests.catalog.dashboard.helpers import operator_user
from tests.conftest import reference_data_load
from tests.shop.checkout import conftest as checkout

CommunicationEventType = get_model("communication", "CommunicationEventType")
CommunicationEvent = get_model("order", "CommunicationEvent")
Email = get_model("communication", "Email")

pytestmark = pytest.mark.django_db

shopper = checkout.shopper
place_order = checkout.place_order


@pytest.fixture(autouse=True)
def _event_types():
    """The event types as the data migration makes them, again if an earlier transactional
    test's flush removed them."""
    reference_data_load()


def pay(order, django_capture_on_commit_callbacks):
    """Records ``order``'s Alipay payment as a verified notify does, running what it queues."""
    with django_capture_on_commit_callbacks(execute=True):
        services.payment_record(order, trade_no="2026112922001", amount=services.order_amount(order))
    order.refresh_from_db()


def html_of(message):
    (html, mimetype), *_others = message.alternatives
    assert mimetype == "text/html"
    return html


def latin_words(html):
    """Words in Latin letters a reader would see in the HTML e-mail (styles and links aside)."""
    soup = BeautifulSoup(html, "html.parser")
    for style in soup.find_all("style"):
        style.decompose()
    return re.findall(r"[A-Za-z]{3,}", soup.get_text(" "))


def test_paying_sends_the_chinese_paid_mail_and_records_it_on_the_order(
    client, place_order, shopper, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    order = place_order(price="68.00", quantity=2)

    pay(order, django_capture_on_commit_callbacks)

    assert order.status == OrderStatus.PAID
    (message,) = mailoutbox
    assert message.to == ["shopper@example.cn"]
    assert message.subject == f"【稳富】订单 {order.number} 已付款"
    assert "¥136.00" in message.body and "30 分钟" not in message.body
    html = html_of(message)
    assert f"我们已收到您订单 {order.number} 的付款" in html and "感谢您支持随县安置区的合作社" in html
    assert f"/shop/accounts/orders/{order.number}/" in html
    assert latin_words(html) == []
    assert "Hello" not in message.body + html and "Thanks for using our site" not in message.body + html
    assert [event.event_type.code for event in CommunicationEvent.objects.filter(order=order)] == [
        "PAYMENT_RECEIVED"
    ]
    client.force_login(shopper)
    history = client.get(reverse("customer:email-list")).content.decode()
    assert f"【稳富】订单 {order.number} 已付款" in history


def test_the_order_placed_mail_is_ours_not_oscars_english_confirmation(place_order, mailoutbox, eager_celery):
    order = place_order(price="19.90", quantity=3)

    assert order_placed_email_task.delay(order.pk).get() == 1

    (message,) = mailoutbox
    assert str(order.number) in message.subject and "30 分钟内" in message.body
    html = html_of(message)
    assert "请在 30 分钟内用支付宝完成付款" in html and "¥59.70" in html
    assert latin_words(html) == []
    assert CommunicationEvent.objects.get(order=order).event_type.name == "订单已提交，待付款"


def test_an_operators_subject_in_the_database_is_the_next_mails_subject(
    place_order, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    CommunicationEventType.objects.filter(code="PAYMENT_RECEIVED").update(
        email_subject_template="{{ shop_name }}：订单 {{ order.number }} 付款成功，谢谢您！"
    )
    order = place_order()

    pay(order, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject == f"稳富：订单 {order.number} 付款成功，谢谢您！"
    assert f"我们已收到您订单 {order.number} 的付款" in message.body  # the body is still the file's


def test_an_operator_rewords_the_paid_mail_in_the_dashboard(
    client, place_order, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    client.force_login(operator_user())
    listing = client.get(reverse("dashboard:comms-list")).content.decode()
    assert all(name in listing for name in ["订单已提交，待付款", "订单已付款", "包裹已发货", "订单已退款"])

    response = client.post(
        reverse("dashboard:comms-update", kwargs={"slug": "PAYMENT_RECEIVED"}),
        {
            "name": "订单已付款",
            "email_subject_template": "【稳富】收到订单 {{ order.number }} 的货款",
            "email_body_template": "订单 {{ order.number }} 已付款，合作社正在备货。",
            "email_body_html_template": "<p>订单 {{ order.number }} 已付款，合作社正在备货。</p>",
        },
    )
    assert response.status_code == 302
    order = place_order()

    pay(order, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject == f"【稳富】收到订单 {order.number} 的货款"
    assert message.body == f"订单 {order.number} 已付款，合作社正在备货。"
    assert html_of(message) == f"<p>订单 {order.number} 已付款，合作社正在备货。</p>"


def test_an_order_without_an_email_address_is_paid_and_mails_nothing(
    place_order, shopper, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    shopper.email = ""
    shopper.save()
    order = place_order()

    pay(order, django_capture_on_commit_callbacks)

    assert order.status == OrderStatus.PAID
    assert mailoutbox == []
    assert not CommunicationEvent.objects.filter(order=order).exists()
    assert not Email.objects.exists()
