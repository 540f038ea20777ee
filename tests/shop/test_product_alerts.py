"""到货提醒: a shopper who asked to be told when a sold-out product is back hears of it from the
beat task once a cooperative restocks, not from the stock record's save (which would also run
for every line of every order placed)."""

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from shop.customer.tasks import product_alerts_send_task
from tests.factories import ProductFactory

ProductAlert = get_model("customer", "ProductAlert")

pytestmark = pytest.mark.django_db


def test_a_restocked_product_is_announced_by_the_beat_task(mailoutbox, eager_celery):
    product = ProductFactory(title="随州香菇干 500g", stockrecord__num_in_stock=0)
    shopper = get_user_model().objects.create_user("xiaomin@example.cn", "Suixian-Shopper-2026")
    alert = ProductAlert.objects.create(product=product, user=shopper, status=ProductAlert.ACTIVE)
    record = product.stockrecords.get()

    record.num_in_stock = 20
    record.save()
    assert mailoutbox == []

    product_alerts_send_task.delay()

    [mail] = mailoutbox
    assert mail.to == ["xiaomin@example.cn"] and "随州香菇干 500g" in mail.body
    alert.refresh_from_db()
    assert alert.status == ProductAlert.CLOSED


def test_a_product_still_sold_out_is_not_announced(mailoutbox, eager_celery):
    product = ProductFactory(title="板栗 1kg", stockrecord__num_in_stock=0)
    shopper = get_user_model().objects.create_user("xiaomin@example.cn", "Suixian-Shopper-2026")
    ProductAlert.objects.create(product=product, user=shopper, status=ProductAlert.ACTIVE)

    product_alerts_send_task.delay()

    assert mailoutbox == []
    assert ProductAlert.objects.get().status == ProductAlert.ACTIVE
