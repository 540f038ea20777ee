"""Keep product search text current when what it is made of changes.

Oscar's dashboard saves products, category links and stock records through its own views, so
signals are the one place every such change passes. The work itself runs in Celery after commit.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from .tasks import product_search_text_refresh_task

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")


def queue_search_text_refresh(product_ids):
    product_ids = sorted(set(product_ids))
    if product_ids:
        transaction.on_commit(lambda: product_search_text_refresh_task.delay(product_ids))


@receiver(post_save, sender=Product)
def product_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        queue_search_text_refresh([instance.pk])


@receiver([post_save, post_delete], sender=ProductCategory)
@receiver([post_save, post_delete], sender=StockRecord)
def product_link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        queue_search_text_refresh([instance.product_id])


@receiver(post_save, sender=Category)
def category_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    categories = Category.get_tree(instance)
    queue_search_text_refresh(
        ProductCategory.objects.filter(category__in=categories).values_list("product_id", flat=True)
    )
