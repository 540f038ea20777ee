"""Oscar's checkout, ending on Alipay.

The shopper gives no payment details here: placing the order (preview → 提交订单) creates it as
待付款 with its stock allocated, and then sends the shopper to Alipay's cashier, for phones or
computers. Stock is checked again under a row lock while the order is placed, so two shoppers
checking out the last unit at once cannot both get it: the second gets a clear message and keeps
their basket. The basket's vouchers are locked and checked the same way.

The place-order POST runs in a transaction of its own, not the request's: the payment URL is
signed (tens of milliseconds of RSA) only after it has committed and let go of its row locks.
"""

import logging

from django import http
from django.contrib import messages
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.views import *  # noqa: F403
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_class, get_model

from shop.order.constants import OrderStatus
from shop.order.tasks import order_placed_email_task
from shop.payments.services import order_paid_by_vouchers, payment_url

Applicator = get_class("offer.applicator", "Applicator")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

logger = logging.getLogger(__name__)

#: How often a placement that lost a lock race (a deadlock PostgreSQL broke) is tried again.
PLACEMENT_ATTEMPTS = 2

#: User-agent words of phones and tablets; they get Alipay's WAP cashier (手机网站支付).
PHONE_USER_AGENT_WORDS = ("Mobile", "Android", "iPhone", "iPad", "HarmonyOS", "OpenHarmony")


def is_phone(request):
    """Whether the shopper's browser is on a phone or tablet."""
    user_agent = request.headers.get("User-Agent", "")
    return any(word in user_agent for word in PHONE_USER_AGENT_WORDS)


def stock_records_lock(lines):
    """``{id: stock record}`` of the basket ``lines``, locked until the transaction ends, with
    their products' classes and their partners: one query for all lines.

    The lock is ``FOR NO KEY UPDATE``: it keeps other placements out but not a shopper adding the
    product to a basket, whose new line only needs the row to exist (``FOR KEY SHARE``). Rows are
    locked in the order of their ids, so two placements sharing products cannot wait on each other
    in a cycle."""
    records = (
        StockRecord.objects.select_for_update(of=("self",), no_key=True)
        .select_related("partner", "product__product_class", "product__parent__product_class")
        .filter(pk__in={line.stockrecord_id for line in lines})
        .order_by("pk")
    )
    return {record.pk: record for record in records}


def basket_lock(basket):
    """``basket`` as it is now in the database, locked until the transaction ends: a second
    提交订单 for the same basket waits here until the first has committed or failed."""
    return Basket.objects.select_for_update(no_key=True).get(pk=basket.pk)


def stock_shortages(lines, locked):
    """Lines whose ``locked`` stock record no longer has enough units, as Chinese messages.
    Products that do not track stock are never short."""
    shortages = []
    for line in lines:
        record = locked[line.stockrecord_id]
        if not record.product.get_product_class().track_stock:
            continue
        available = (record.num_in_stock or 0) - (record.num_allocated or 0)
        if line.quantity > available:
            shortages.append(
                _("「%(title)s」库存不足：只剩 %(available)s 件，您要了 %(quantity)s 件。")
                % {
                    "title": line.product.get_title(),
                    "available": max(available, 0),
                    "quantity": line.quantity,
                }
            )
    return shortages


def vouchers_used_up(basket, user):
    """The basket's vouchers ``user`` can no longer use, locked until the transaction ends: of two
    shoppers placing orders with one single-use voucher, the second waits for the first's order
    and then finds it used; a voucher whose period ended since it was added is no longer
    usable either. (Oscar's order creator refuses a used one too, but with a ValueError the
    checkout shows as its English "A problem occurred…", leaving the voucher in the basket; an
    expired one it silently leaves out, so the shopper would pay the full price.)"""
    return [
        voucher
        for voucher in basket.vouchers.select_for_update()
        if voucher.is_expired() or (voucher.is_active() and not voucher.is_available_to_user(user=user)[0])
    ]


class ShippingMethodView(oscar_views.ShippingMethodView):
    """Always shows the shipping page once there is an address, even with one method or none:
    it lists each cooperative's parcel and its charge, and says why a method is not offered
    (cold chain required, not delivered to a remote province), all of which Oscar would skip."""

    def get(self, request, *args, **kwargs):
        if not (request.basket.is_shipping_required() and self.checkout_session.is_shipping_address_set()):
            return super().get(request, *args, **kwargs)
        self._methods = self.get_available_shipping_methods()
        return generic.FormView.get(self, request, *args, **kwargs)


class PaymentMethodView(oscar_views.PaymentMethodView):
    """Alipay is the one payment method: straight on to the order preview."""

    def get_success_response(self):
        return http.HttpResponseRedirect(reverse("checkout:preview"))


@method_decorator(transaction.non_atomic_requests, name="dispatch")
class PaymentDetailsView(oscar_views.PaymentDetailsView):
    """The order preview and its 提交订单: places the order unpaid, then hands over to Alipay."""

    placed_order = None

    @method_decorator(transaction.atomic)
    def get(self, request, *args, **kwargs):
        if not self.preview:
            return http.HttpResponseRedirect(reverse("checkout:preview"))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            response = super().post(request, *args, **kwargs)
        order = self.placed_order
        if order is None:
            return response
        if order_paid_by_vouchers(order):
            messages.success(request, _("订单金额已由优惠券全部抵扣，无需再付款。"))
        order.refresh_from_db(fields=["status"])
        if order.status != OrderStatus.PENDING_PAYMENT:
            return http.HttpResponseRedirect(reverse("customer:order", kwargs={"order_number": order.number}))
        return http.HttpResponseRedirect(payment_url(order, phone=is_phone(request)))

    def handle_place_order_submission(self, request):
        """Places the order once per basket: a second 提交订单 of a basket already submitted (a
        double click, two tabs) goes to that order's payment instead of failing, and leaves the
        basket submitted, so the shopper can shop on."""
        basket = basket_lock(request.basket)
        if basket.status == Basket.OPEN:
            return super().handle_place_order_submission(request)
        order = Order.objects.filter(basket_id=basket.pk, user_id=request.user.pk).first()
        if order is None:
            messages.error(request, _("购物车已经变了，请重新确认订单。"))
            return http.HttpResponseRedirect(reverse("basket:summary"))
        messages.info(request, _("订单 %(number)s 已经提交过了。") % {"number": order.number})
        self.placed_order = order
        return None  # post() sends the shopper on to the order's payment

    def handle_payment(self, order_number, total, **kwargs):
        """Nothing is taken before the order exists: the shopper pays on Alipay afterwards."""

    def place_order(self, *args, basket, user, **kwargs):
        """Oscar's placement, once the basket's vouchers are known to be usable, in a savepoint:
        a deadlock that PostgreSQL breaks rolls back only this attempt and leaves the request's
        transaction usable, so the placement is tried once more and then the basket is restored
        with a message, never a 500."""
        self._vouchers_used_up_remove(basket, user)
        for attempt in range(1, PLACEMENT_ATTEMPTS + 1):
            try:
                with transaction.atomic():
                    return self._place_order_locked(*args, basket=basket, user=user, **kwargs)
            except DatabaseError:
                logger.warning("Basket %s: placement failed (attempt %s)", basket.pk, attempt, exc_info=True)
        raise UnableToPlaceOrder(_("下单的人较多，这次没有提交成功，请再点一次“提交订单”。"))

    def _vouchers_used_up_remove(self, basket, user):
        """Takes vouchers used up meanwhile out of the basket (outside the placement's savepoint,
        so that stays done), so the preview shown again has the total without them."""
        used_up = vouchers_used_up(basket, user)
        if not used_up:
            return
        basket.vouchers.remove(*used_up)
        basket.reset_offer_applications()
        Applicator().apply(basket, user, self.request)
        codes = "、".join(voucher.code for voucher in used_up)
        message = _(
            "优惠券 %(codes)s 刚刚被使用过或已过期，不能再用于这个订单，已从购物车中移除；订单没有提交。"
            "请核对新的金额后再提交订单。"
        )
        raise UnableToPlaceOrder(message % {"codes": codes})

    def _place_order_locked(self, *args, basket, user, **kwargs):
        lines = [line for line in basket.all_lines() if line.stockrecord_id]
        locked = stock_records_lock(lines)
        shortages = stock_shortages(lines, locked)
        if shortages:
            raise UnableToPlaceOrder(" ".join(shortages))
        for line in lines:
            # Oscar's order creator reads each line's partner, product class and stock levels to
            # allocate: the locked record has them loaded, and its stock levels are current.
            line.stockrecord = locked[line.stockrecord_id]
        return super().place_order(*args, basket=basket, user=user, **kwargs)

    def send_order_placed_email(self, order):
        """The confirmation goes out from a Celery task once the order is committed."""
        transaction.on_commit(lambda: order_placed_email_task.delay(order.pk), robust=True)

    def handle_successful_order(self, order):
        """Oscar's bookkeeping; the shopper goes to Alipay once the order has committed (post)."""
        super().handle_successful_order(order)
        self.placed_order = order
