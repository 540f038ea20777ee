"""Writes of the cooperative dashboard: tier prices of a stock record."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from catalog.models import TierPrice
from catalog.review.services import listing_change_submit, tiers_as_json
from shop.users.roles import is_operator

from .exceptions import TierPriceError


@dataclass(frozen=True)
class Tier:
    """One price step: ``price`` per unit when at least ``min_quantity`` units are ordered."""

    min_quantity: int
    price: Decimal


def tier_prices_check(*, tiers):
    """Checks ``tiers`` (an iterable of :class:`Tier`, in any order) and returns them sorted by
    quantity.

    Raises :class:`TierPriceError` when a quantity is below 1, two tiers share a quantity, a
    price is not above zero, or a price does not strictly fall as the quantity rises.
    """
    tiers = sorted(tiers, key=lambda tier: tier.min_quantity)
    errors = []
    for tier in tiers:
        if tier.min_quantity < 1:
            errors.append(_("起订数量至少为 1（填写了 %(quantity)s）。") % {"quantity": tier.min_quantity})
        if tier.price <= 0:
            errors.append(
                _("单价必须大于 0（起订数量 %(quantity)s 的单价为 ¥%(price)s）。")
                % {"quantity": tier.min_quantity, "price": tier.price}
            )
    for lower, higher in zip(tiers, tiers[1:], strict=False):
        if lower.min_quantity == higher.min_quantity:
            errors.append(
                _("起订数量 %(quantity)s 重复填写了，每个数量只能有一个单价。")
                % {"quantity": lower.min_quantity}
            )
        elif higher.price >= lower.price:
            errors.append(
                _(
                    "阶梯价应随数量增加而降低：≥%(big)s 的单价 ¥%(big_price)s 不低于 ≥%(small)s 的单价 ¥%(small_price)s。"  # noqa: E501
                )
                % {
                    "big": higher.min_quantity,
                    "big_price": higher.price,
                    "small": lower.min_quantity,
                    "small_price": lower.price,
                }
            )
    if errors:
        raise TierPriceError(errors)
    return tiers


@transaction.atomic
def stockrecord_tier_prices_set(*, stockrecord, tiers):
    """Replaces every tier price of ``stockrecord`` with ``tiers`` (:class:`Tier` items; empty
    removes them all) and returns the new :class:`~catalog.models.TierPrice` rows, lowest
    quantity first.

    Raises :class:`TierPriceError` (see :func:`tier_prices_check`); nothing is changed then.
    """
    tiers = tier_prices_check(tiers=tiers)
    TierPrice.objects.filter(stockrecord=stockrecord).delete()
    return TierPrice.objects.bulk_create(
        [
            TierPrice(stockrecord=stockrecord, min_quantity=tier.min_quantity, price=tier.price)
            for tier in tiers
        ]
    )


@transaction.atomic
def stockrecord_tier_prices_change(*, stockrecord, tiers, user):
    """What ``user`` saving the tier price form of ``stockrecord`` does. An operator's tiers, and
    those of a product nobody has approved yet (nobody can buy it), are set at once; a
    cooperative's change to a listed product's tiers waits in a listing review, and until an
    operator approves it the product page and every price look-up keep the approved tiers.

    Returns the :class:`~catalog.models.ListingReview` holding the change, or ``None`` when the
    tiers were set or are unchanged. Raises :class:`TierPriceError` (see
    :func:`tier_prices_check`) or :class:`~catalog.review.exceptions.ReviewPending` (an earlier
    change of the product still waits); nothing is changed then.
    """
    tiers = tier_prices_check(tiers=tiers)
    product = stockrecord.product
    if is_operator(user) or product.approved_at is None:
        stockrecord_tier_prices_set(stockrecord=stockrecord, tiers=tiers)
        return None
    before = tiers_as_json(stockrecord.tier_prices.all())
    after = tiers_as_json(tiers)
    if before == after:
        return None
    return listing_change_submit(
        product=product,
        user=user,
        changes={"tiers": {str(stockrecord.pk): {"before": before, "after": after}}},
    )
