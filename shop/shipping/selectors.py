"""Read-side queries of shipping: rates, and what a basket's lines weigh and who sends them.

Each function is one query whatever the number of lines, so pricing a basket costs the same
for one line as for fifty.
"""

from decimal import Decimal, InvalidOperation

from oscar.core.loading import get_model

from .models import ShippingRate

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")

#: The attribute Oscar's weight-based shipping reads (``oscar.apps.shipping.scales.Scale``), in kg.
WEIGHT_ATTRIBUTE_CODE = "weight"


def shipping_rates_active():
    """Active rates keyed by ``(method_code, zone)``."""
    return {(rate.method_code, rate.zone): rate for rate in ShippingRate.objects.filter(is_active=True)}


def product_weights_kg(*, product_ids):
    """The ``weight`` attribute (kg) of those of ``product_ids`` that have one, keyed by product id;
    values that are not a positive number are left out, so the estimate applies instead."""
    values = ProductAttributeValue.objects.filter(
        product_id__in=product_ids, attribute__code=WEIGHT_ATTRIBUTE_CODE
    ).select_related("attribute")
    weights = {}
    for value in values:
        try:
            weight = Decimal(str(value.value))
        except (InvalidOperation, TypeError, ValueError):
            continue
        if weight.is_finite() and weight > 0:
            weights[value.product_id] = weight
    return weights


def products_for_shipping(*, product_ids):
    """The products with only what shipping reads (storage and net content), keyed by id; used
    for the parents of child products, whose own rows may leave these fields at their default."""
    products = Product.objects.filter(pk__in=product_ids).only("pk", "storage", "net_content", "net_unit")
    return {product.pk: product for product in products}


def partners_with_cooperatives(*, partner_ids):
    """Partners keyed by id, with their cooperative profile (if any) loaded in the same query."""
    return {
        partner.pk: partner
        for partner in Partner.objects.filter(pk__in=partner_ids).select_related("cooperative")
    }
