from celery import shared_task

from .services import product_search_text_refresh


@shared_task(ignore_result=True)
def product_search_text_refresh_task(product_ids):
    """Refreshes the search text of ``product_ids`` (idempotent; safe to retry)."""
    return product_search_text_refresh(product_ids=product_ids)
