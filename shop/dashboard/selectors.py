"""What a cooperative's dashboard home shows of its own business: its paid sales, the parcels it
has to ship, its low stock, its listings waiting for review and its documents about to expire.

Every figure is narrowed to the partners the user works for (``partner.users``) in the query
itself, and costs one query whatever the size of the shop.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.constants import ListingReviewStatus
from catalog.models import ListingReview
from catalog.onboarding.selectors import EXPIRY_WARNING_DAYS, qualification_documents_for_user
from shop.order.constants import OrderChannel, OrderStatus
from shop.order.models import Parcel, ParcelStatus
from shop.payments.constants import PAYMENT_EVENT

PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
StockRecord = get_model("partner", "StockRecord")

#: Units left below which a stock record with no threshold of its own counts as low.
LOW_STOCK_UNITS = 10
#: Orders that no longer stand: their paid lines are not sales.
UNDONE_STATUSES = (OrderStatus.CANCELLED, OrderStatus.REFUNDED)
MONEY = DecimalField(max_digits=12, decimal_places=2)


@dataclass(frozen=True)
class Sales:
    amount: Decimal
    orders: int
    units: int


def period_starts(now=None):
    """Midnight (local time) of this week's Monday and of this month's first day."""
    today = timezone.localdate(now)
    midnight = datetime.time.min
    zone = timezone.get_current_timezone()
    monday = datetime.datetime.combine(today - datetime.timedelta(days=today.weekday()), midnight, zone)
    first = datetime.datetime.combine(today.replace(day=1), midnight, zone)
    return monday, first


def paid_sales(user, *, since):
    """What shoppers paid since ``since`` for ``user``'s cooperatives' own lines: unit price ×
    quantity paid, without shipping or other cooperatives' goods, of orders that still stand."""
    paid = PaymentEventQuantity.objects.filter(
        event__event_type__code=PAYMENT_EVENT[0],
        event__date_created__gte=since,
        line__partner__users=user,
        line__order__channel=OrderChannel.RETAIL,
    ).exclude(line__order__status__in=UNDONE_STATUSES)
    figures = paid.aggregate(
        amount=Sum(ExpressionWrapper(F("quantity") * F("line__unit_price_incl_tax"), output_field=MONEY)),
        orders=Count("line__order", distinct=True),
        units=Sum("quantity"),
    )
    return Sales(
        amount=figures["amount"] or Decimal("0.00"), orders=figures["orders"], units=figures["units"] or 0
    )


def parcels_to_ship(user):
    """``user``'s cooperatives' parcels of paid orders still waiting to be shipped, oldest first."""
    return (
        Parcel.objects.filter(partner__users=user, status=ParcelStatus.PENDING)
        .select_related("order", "partner")
        .order_by("order__date_placed", "pk")
    )


def stock_running_low(user):
    """``user``'s cooperatives' stock records with fewer units left to sell than their low-stock
    threshold (or :data:`LOW_STOCK_UNITS` when they set none), fewest first."""
    left = F("num_in_stock") - F("num_allocated")
    return (
        StockRecord.objects.filter(partner__users=user)
        .annotate(units_left=left)
        .filter(
            Q(low_stock_threshold__isnull=False, units_left__lt=F("low_stock_threshold"))
            | Q(low_stock_threshold__isnull=True, units_left__lt=LOW_STOCK_UNITS)
        )
        .select_related("product", "partner")
        .order_by("units_left", "pk")
    )


def listings_in_review(user):
    """``user``'s cooperatives' new products and changes waiting for the operator's review."""
    return (
        ListingReview.objects.filter(
            status=ListingReviewStatus.PENDING, product__stockrecords__partner__users=user
        )
        .select_related("product")
        .distinct()
        .order_by("submitted_at", "pk")
    )


def documents_expiring(user, *, today=None, days=EXPIRY_WARNING_DAYS):
    """``user``'s cooperatives' documents that expire within ``days`` (or have expired)."""
    today = today or timezone.localdate()
    return (
        qualification_documents_for_user(user=user)
        .filter(expires_on__isnull=False, expires_on__lte=today + datetime.timedelta(days=days))
        .order_by("expires_on", "pk")
    )
