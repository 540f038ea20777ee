"""Reads of the Excel import: an organisation's jobs and what its template lists."""

from oscar.core.loading import get_model

from ..constants import PurchaseOrderState
from ..models import ImportJob, PurchaseOrderLine
from ..pricing import line_price, orderable_stockrecords
from ..selectors import organisations_for
from .workbook import TemplateProduct

StockRecord = get_model("partner", "StockRecord")

#: Purchase orders whose products count as "bought before" for the prefilled template.
BOUGHT_STATES = (PurchaseOrderState.APPROVED, PurchaseOrderState.CLOSED)


def import_jobs_for(user, organisation):
    """Import jobs of ``organisation`` that ``user`` may open (another organisation's: none)."""
    return ImportJob.objects.filter(organisation__in=organisations_for(user), organisation=organisation)


def _template_product(record):
    product = record.product
    unit = "件"
    if product.net_content and product.net_unit:
        unit = f"件（{product.net_content.normalize():f}{product.get_net_unit_display()}）"
    tiers = sorted(record.tier_prices.all(), key=lambda tier: tier.min_quantity)
    return TemplateProduct(
        code=record.partner_sku,
        name=product.get_title(),
        cooperative=record.partner.name,
        unit=unit,
        min_quantity=line_price(record, 1).min_quantity,
        retail_price=record.price,
        tiers="；".join(f"{tier.min_quantity} 起 ¥{tier.price}" for tier in tiers),
    )


def template_products(organisation):
    """``(products, prefilled)`` of ``organisation``'s template: every orderable product, and
    those of them it bought before (approved or closed orders), each a ``TemplateProduct``."""
    records = list(orderable_stockrecords().order_by("partner__name", "product__title", "pk"))
    bought = set(
        PurchaseOrderLine.objects.filter(
            purchase_order__organisation=organisation, purchase_order__state__in=BOUGHT_STATES
        ).values_list("stockrecord_id", flat=True)
    )
    products = [(record.pk, _template_product(record)) for record in records]
    return [product for _pk, product in products], [product for pk, product in products if pk in bought]
