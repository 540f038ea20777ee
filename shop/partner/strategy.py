"""Pricing and availability: Oscar's default, except that a suspended cooperative sells nothing and
a product waiting for its first listing review cannot be bought."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability
from oscar.apps.partner.strategy import *  # noqa: F403
from oscar.apps.partner.strategy import Default as OscarDefault
from oscar.apps.partner.strategy import Selector as OscarSelector

from catalog.constants import CooperativeStatus
from catalog.models import CooperativeProfile


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


class CooperativeStatusRequired:
    """Stock of a suspended cooperative cannot be bought, not even from a basket filled before
    the suspension: the storefront hides such products, this stops the checkout.

    A strategy lives for one request: the suspended cooperatives are read once per strategy,
    so checking a basket costs no query per line.
    """

    @cached_property
    def suspended_partner_ids(self):
        return frozenset(
            CooperativeProfile.objects.filter(status=CooperativeStatus.SUSPENDED).values_list(
                "partner_id", flat=True
            )
        )

    def availability_policy(self, product, stockrecord):
        if stockrecord is not None and stockrecord.partner_id in self.suspended_partner_ids:
            return CooperativeSuspended()
        if product.approved_at is None:
            # Hidden from the storefront; this also stops a basket add by product id.
            return AwaitingReview()
        return super().availability_policy(product, stockrecord)

    def fetch_for_line(self, line, stockrecord=None):
        """A basket line is priced from the stock record it was added with (loaded with the
        line), not from a fresh look-up of the product's stock records per line."""
        return self.fetch_for_product(line.product, stockrecord or line.stockrecord)


class Default(CooperativeStatusRequired, OscarDefault):
    """Oscar's default (first stock record, stock required, no tax) for active cooperatives."""


class Selector(OscarSelector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
