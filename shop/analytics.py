"""Oscar's analytics counters (product views, basket additions, purchases, searches), counted
after the shopper's transaction has committed, in a Celery task.

Oscar counts them in receivers that run inside the request, and every shopper of a product
updates the same ``analytics_productrecord`` row. Under ``ATOMIC_REQUESTS`` that row stayed locked
until the request ended: a basket add (its new line's foreign key to the stock record is checked
at COMMIT) and a place order (which locks that stock record, then counts the purchase) waited on
each other and PostgreSQL broke the cycle with a deadlock, a 500 for the shopper. Oscar's retry
after a ``UniqueViolation`` on a product's first count also needs a savepoint the request has
not got. Counted afterwards, each update is a transaction of its own, and a counter that fails
costs a shopper nothing.
"""

from django.db import transaction
from oscar.apps.analytics import receivers as oscar_receivers
from oscar.apps.basket.signals import basket_addition
from oscar.apps.catalogue.signals import product_viewed
from oscar.apps.order.signals import order_placed
from oscar.apps.search.signals import user_search

#: (signal, Oscar's receiver) pairs moved out of the request.
OSCAR_RECEIVERS = (
    (product_viewed, oscar_receivers.receive_product_view),
    (basket_addition, oscar_receivers.receive_basket_addition),
    (order_placed, oscar_receivers.receive_order_placed),
    (user_search, oscar_receivers.receive_product_search),
)


def _user_id(user):
    return user.pk if user is not None and user.is_authenticated else None


def _after_commit(task, *args):
    transaction.on_commit(lambda: task.delay(*args), robust=True)


def product_viewed_count(sender, product, user, **kwargs):
    from shop import tasks

    if not kwargs.get("raw", False):
        _after_commit(tasks.analytics_product_viewed_task, product.pk, _user_id(user))


def basket_addition_count(sender, product, user, **kwargs):
    from shop import tasks

    if not kwargs.get("raw", False):
        _after_commit(tasks.analytics_basket_addition_task, product.pk, _user_id(user))


def order_placed_count(sender, order, user, **kwargs):
    from shop import tasks

    if not kwargs.get("raw", False):
        _after_commit(tasks.analytics_order_placed_task, order.pk, _user_id(user))


def user_search_count(sender, query, user, **kwargs):
    from shop import tasks

    if _user_id(user) is not None and not kwargs.get("raw", False):
        _after_commit(tasks.analytics_user_search_task, query, user.pk)


def analytics_receivers_defer():
    """Replaces Oscar's analytics receivers by ours, which count after commit."""
    ours = (product_viewed_count, basket_addition_count, order_placed_count, user_search_count)
    for (signal, oscar_receiver), receiver in zip(OSCAR_RECEIVERS, ours, strict=True):
        signal.disconnect(oscar_receiver)
        signal.connect(receiver, dispatch_uid=f"wenfu.analytics.{receiver.__name__}")
