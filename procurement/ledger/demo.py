"""A year of demo sales, so the ledger, its charts and the impact figures are believable on a
first run: shoppers' orders placed, paid, shipped and received through the shop's own services,
spread over the twelve months before today (more before 春节 and 中秋), then filed by the
ledger from their payment dates as ``ledger_rebuild`` files an older database's orders.

The demo shoppers sign in by mobile only (no e-mail, no password): their orders send no mail and
no one can log in as them.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from catalog.constants import CooperativeStatus
from procurement.selectors import LEDGER_TIME_ZONE
from shop.order.fulfilment import order_complete, parcel_ship
from shop.order.models import Carrier
from shop.payments.services import payment_record

from .models import LedgerChannel, LedgerEntry
from .services import ledger_rebuild

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")
StockRecord = get_model("partner", "StockRecord")
Applicator = get_class("offer.applicator", "Applicator")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
FixedPrice = get_class("shipping.methods", "FixedPrice")

SHOPPERS = 24
#: Orders per month, January to December: the Spring Festival's and Mid-Autumn's gift buying.
ORDERS_PER_MONTH = (16, 9, 8, 7, 8, 10, 8, 9, 18, 12, 10, 11)
CARRIAGE = Decimal("10.00")


def _shoppers():
    users = get_user_model().objects
    shoppers = []
    for n in range(1, SHOPPERS + 1):
        mobile = f"1390000{n:04d}"
        user = users.filter(mobile=mobile).first()
        if user is None:
            user = users.model(email=None, mobile=mobile, first_name=f"演示顾客{n}")
            user.set_unusable_password()
            user.save()
        shoppers.append(user)
    return shoppers


def _moments(today, rng):
    """A time for each demo order, in the eleven months before today's and in today's month up to
    yesterday, in Beijing time."""
    for back in range(11, -1, -1):
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        month += 1
        last_day = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
        days = last_day if back else today.day - 1
        for _ in range(ORDERS_PER_MONTH[month - 1] if days else 0):
            yield datetime.datetime(
                year,
                month,
                rng.randint(1, days),
                rng.randint(8, 21),
                rng.randint(0, 59),
                tzinfo=LEDGER_TIME_ZONE,
            )


def order_place(shopper, items, *, carriage=CARRIAGE, vouchers=()):
    """An unpaid order of ``items`` (``[(product, units)]``) for ``shopper``, with ``carriage``
    yuan of shipping and ``vouchers`` entered in the basket, placed as the checkout places it
    (Oscar's ``Applicator`` and ``OrderCreator``)."""
    basket = Basket.objects.create(owner=shopper)
    basket.strategy = Selector().strategy(user=shopper)
    for product, units in items:
        basket.add_product(product, units)
    for voucher in vouchers:
        basket.vouchers.add(voucher)
    Applicator().apply(basket, shopper)
    method = FixedPrice(charge_excl_tax=Decimal(carriage), charge_incl_tax=Decimal(carriage))
    charge = method.calculate(basket)
    order = OrderCreator().place_order(
        user=shopper,
        basket=basket,
        shipping_address=None,
        shipping_method=method,
        shipping_charge=charge,
        total=OrderTotalCalculator().calculate(basket, charge),
    )
    basket.submit()
    return order


def _received(order, operator):
    for parcel in order.parcels.all():
        parcel_ship(
            parcel_id=parcel.pk, user=operator, carrier=Carrier.EMS, tracking_number=f"E{order.number}"
        )
    order_complete(order)


def load_ledger_demo(*, operator):
    """The demo shoppers' year of orders, once; ``operator`` ships them for the cooperatives."""
    shoppers = _shoppers()
    if Order.objects.filter(user__in=shoppers).exists():
        return
    rng = random.Random(2026)
    records = list(
        StockRecord.objects.filter(
            partner__cooperative__status=CooperativeStatus.ACTIVE,
            product__approved_at__isnull=False,
            product__is_public=True,
            num_in_stock__gte=60,
        ).select_related("product")
    )
    if not records:
        return
    for moment in _moments(timezone.localdate(timezone.now(), LEDGER_TIME_ZONE), rng):
        items = [(record.product, rng.randint(1, 3)) for record in rng.sample(records, rng.randint(1, 2))]
        order = order_place(rng.choice(shoppers), items)
        payment_record(order, trade_no=f"2026DEMO{order.number}", amount=order.total_incl_tax)
        _received(order, operator)
        Order.objects.filter(pk=order.pk).update(date_placed=moment)
        PaymentEvent.objects.filter(order=order).update(date_created=moment)
    # Filed again from the payment dates: the same services, at the time each order was paid.
    LedgerEntry.objects.filter(channel=LedgerChannel.RETAIL, line__order__user__in=shoppers).delete()
    ledger_rebuild()
