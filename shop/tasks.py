"""Oscar's analytics counters, updated from a task after the shopper's request (shop.analytics).

Each task takes ids, loads what Oscar's own receiver expects and calls it: the counting rules stay
Oscar's. A product, order or user deleted in the meantime is simply not counted.
"""

from celery import shared_task
from django.contrib.auth import get_user_model
from oscar.apps.analytics import receivers as oscar_receivers
from oscar.core.loading import get_model

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")


def _user(user_id):
    return get_user_model().objects.filter(pk=user_id).first() if user_id else None


@shared_task
def analytics_product_viewed_task(product_id, user_id):
    product = Product.objects.filter(pk=product_id).first()
    if product is not None:
        oscar_receivers.receive_product_view(sender=None, product=product, user=_user(user_id))


@shared_task
def analytics_basket_addition_task(product_id, user_id):
    product = Product.objects.filter(pk=product_id).first()
    if product is not None:
        oscar_receivers.receive_basket_addition(sender=None, product=product, user=_user(user_id))


@shared_task
def analytics_order_placed_task(order_id, user_id):
    order = Order.objects.filter(pk=order_id).first()
    if order is not None:
        oscar_receivers.receive_order_placed(sender=None, order=order, user=_user(user_id))


@shared_task
def analytics_user_search_task(query, user_id):
    user = _user(user_id)
    if user is not None:
        oscar_receivers.receive_product_search(sender=None, query=query, user=user)
