"""Keep product search text current when what it is made of changes.

Oscar's dashboard saves products, category links, stock records, categories and partners through
its own views, so signals are the one place every such change passes. The work itself runs in
Celery after commit (``catalog.tasks.product_search_text_refresh_task``, which takes ids).

Not covered: moving a category in the tree (treebeard moves with a queryset ``update()``, which
sends no signal); re-run ``product_search_text_refresh`` for the moved subtree's products then.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from shop.partner.models import STOCK_LEVEL_FIELDS

from .models import ResettlementArea
from .tasks import product_search_text_refresh_task

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")


def queue_search_text_refresh(product_ids):
    """Refreshes the search text of ``product_ids`` once the current transaction commits.

    ``robust``: a broker that is down must not turn an already committed save into an error page;
    the failure is logged and the next change of the product refreshes it.
    """
    product_ids = sorted(set(product_ids))
    if product_ids:
        transaction.on_commit(lambda: product_search_text_refresh_task.delay(product_ids), robust=True)


@receiver(post_save, sender=Product)
def product_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (
        update_fields is not None
        and set(update_fields) <= {"search_text", "search_title", "search_provenance", "rating"}
    ):
        return
    queue_search_text_refresh([instance.pk])


@receiver([post_save, post_delete], sender=ProductCategory)
@receiver([post_save, post_delete], sender=StockRecord)
def product_link_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    # A change of stock levels only (an order allocating stock) leaves the search text as it is.
    if raw or (update_fields is not None and set(update_fields) <= STOCK_LEVEL_FIELDS):
        return
    queue_search_text_refresh([instance.product_id])


@receiver(post_save, sender=Category)
def category_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    categories = Category.get_tree(instance).values("pk")
    queue_search_text_refresh(
        ProductCategory.objects.filter(category__in=categories).values_list("product_id", flat=True)
    )


@receiver(post_save, sender=Partner)
def partner_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    queue_search_text_refresh(
        StockRecord.objects.filter(partner=instance).values_list("product_id", flat=True)
    )


@receiver(post_save, sender=ResettlementArea)
def area_saved(sender, instance, created, raw=False, **kwargs):
    """An area's name and town are part of its products' search text."""
    if raw or created:
        return
    queue_search_text_refresh(instance.products.values_list("pk", flat=True))
