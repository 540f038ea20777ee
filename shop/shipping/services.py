"""Write-side actions of shipping."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Range = get_model("offer", "Range")

#: The offer :func:`free_shipping_offer_set` keeps; its name changes with the threshold.
FREE_SHIPPING_OFFER_SLUG = "free-shipping-over-threshold"
ALL_PRODUCTS_RANGE_NAME = "全部商品"


def _threshold_decimal(threshold):
    try:
        value = Decimal(str(threshold))
    except (InvalidOperation, TypeError, ValueError):
        value = None
    if value is None or not value.is_finite() or value <= 0:
        raise ValidationError(_("包邮门槛必须是大于 0 的金额。"), code="invalid_threshold")
    return value.quantize(Decimal("0.01"))


def _yuan(amount):
    """ "99" for 99.00, "99.50" for 99.50."""
    text = f"{amount:.2f}"
    return text.removesuffix(".00")


@transaction.atomic
def free_shipping_offer_set(*, threshold):
    """Makes shipping free for every basket whose products come to ``threshold`` yuan or more
    (满 X 元包邮): one Oscar site offer, created the first time and updated (and reopened) after,
    with a basket-value condition on all products and a 100 % shipping discount. Oscar applies it
    to the whole shipping charge, that is to the sum of every parcel.

    The operator can equally create or suspend such an offer in the dashboard's offers pages.
    Combines with other offers (not exclusive). Returns the offer; raises ``ValidationError``
    (nothing changed) when ``threshold`` is not an amount above zero.
    """
    threshold = _threshold_decimal(threshold)
    everything, _created = Range.objects.get_or_create(
        name=ALL_PRODUCTS_RANGE_NAME, defaults={"includes_all_products": True}
    )
    name = _("满 %(threshold)s 元包邮") % {"threshold": _yuan(threshold)}
    offer = ConditionalOffer.objects.filter(slug=FREE_SHIPPING_OFFER_SLUG).select_related("condition").first()
    if offer is None:
        condition = Condition.objects.create(range=everything, type=Condition.VALUE, value=threshold)
        benefit = Benefit.objects.create(type=Benefit.SHIPPING_PERCENTAGE, value=Decimal("100"))
        return ConditionalOffer.objects.create(
            name=name,
            slug=FREE_SHIPPING_OFFER_SLUG,
            offer_type=ConditionalOffer.SITE,
            exclusive=False,
            condition=condition,
            benefit=benefit,
        )
    offer.condition.value = threshold
    offer.condition.save(update_fields=["value"])
    offer.name = name
    offer.status = ConditionalOffer.OPEN
    offer.save(update_fields=["name", "status"])
    return offer
