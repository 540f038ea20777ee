"""Pricing and availability: Oscar's default, except that a suspended cooperative sells nothing and
a product waiting for its first listing review cannot be bought."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability
from oscar.apps.partner.strategy import *  # noqa: F403
from oscar.apps.partner.strategy import Default as OscarDefault
from oscar.apps.partner.strategy import Selector as OscarSelector

from catalog.constants import CooperativeStatus


class Refused(availability.Unavailable):
    """Unavailable with a reason: the basket's add and update forms show ``message`` instead of
    Oscar's generic "unavailable"."""

    def is_purchase_permitted(self, quantity):
        return False, self.message


class CooperativeSuspended(Refused):
    code = "cooperative_suspended"
    message = _("该合作社已暂停销售")


class AwaitingReview(Refused):
    code = "awaiting_review"
    message = _("商品审核中，暂不可购买")


def partner_is_suspended(partner):
    """Whether ``partner`` is a cooperative the operator has suspended (no profile: not one)."""
    try:
        return partner.cooperative.status == CooperativeStatus.SUSPENDED
    except ObjectDoesNotExist:
        return False


class CooperativeStatusRequired:
    """Stock of a suspended cooperative cannot be bought, not even from a basket filled before
    the suspension: the storefront hides such products, this stops the checkout."""

    def availability_policy(self, product, stockrecord):
        if stockrecord is not None and partner_is_suspended(stockrecord.partner):
            return CooperativeSuspended()
        if product.approved_at is None:
            # Hidden from the storefront; this also stops a basket add by product id.
            return AwaitingReview()
        return super().availability_policy(product, stockrecord)


class Default(CooperativeStatusRequired, OscarDefault):
    """Oscar's default (first stock record, stock required, no tax) for active cooperatives."""


class Selector(OscarSelector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
