"""Keep product search text and the cached listings current when what they are made of changes.

Oscar's dashboard saves products, category links, stock records, categories and partners through
its own views, so signals are the one place every such change passes. The work itself runs in
Celery after commit (``catalog.tasks.product_search_text_refresh_task``, which takes ids).

Not covered: moving a category in the tree (treebeard moves with a queryset ``update()``, which
sends no signal); re-run ``product_search_text_refresh`` for the moved subtree's products then.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from shop.partner.models import STOCK_LEVEL_FIELDS

from .listing_cache import listings_changed
from .models import CooperativeProfile, ProductCertification, ResettlementArea, TierPrice
from .tasks import product_search_text_refresh_task

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
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


# --- Cached listings (catalog/listing_cache.py) --------------------------------------------------


@receiver([post_save, post_delete], sender=Product)
@receiver([post_save, post_delete], sender=ProductImage)
@receiver([post_save, post_delete], sender=ProductCategory)
@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=Partner)
@receiver([post_save, post_delete], sender=CooperativeProfile)
@receiver([post_save, post_delete], sender=ResettlementArea)
@receiver([post_save, post_delete], sender=ProductCertification)
@receiver([post_save, post_delete], sender=TierPrice)
def listed_row_changed(sender, instance, raw=False, **kwargs):
    """Anything a product card, a filter or a count shows changed (a suspension is a saved
    cooperative profile, an approval a saved product)."""
    if not raw:
        listings_changed()


def _in_stock(record):
    return (record.net_stock_level or 0) > 0


@receiver(pre_save, sender=StockRecord)
def stock_record_saving(sender, instance, **kwargs):
    # Oscar's allocation methods send this before their queryset update: the level before it.
    instance._was_in_stock = _in_stock(instance)


@receiver([post_save, post_delete], sender=StockRecord)
def stock_record_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    """A card shows a price and whether it can be bought, not how many are left: an order
    allocating stock changes the listings only when it sells the last one (or a cancellation
    brings one back)."""
    if raw:
        return
    stock_level_only = update_fields is not None and set(update_fields) <= STOCK_LEVEL_FIELDS
    if stock_level_only and getattr(instance, "_was_in_stock", None) == _in_stock(instance):
        return
    listings_changed()
