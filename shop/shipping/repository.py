"""The shipping methods Oscar's checkout and basket offer (``shipping.repository.Repository``)."""

from oscar.apps.shipping.repository import Repository as OscarRepository
from oscar.core.loading import get_class, get_model

from .methods import NoDeliveryAvailable, method_for_quote
from .quotes import shipping_options

CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")
ShippingAddress = get_model("order", "ShippingAddress")


class Repository(OscarRepository):
    """普通快递 or 冷链配送 (whichever the basket's storage needs) and 到合作社自提, priced per
    cooperative parcel for the address's province; Oscar wraps them in any shipping offer
    (free shipping over a threshold) the basket qualifies for."""

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        options = shipping_options(basket=basket, shipping_addr=shipping_addr)
        return [method_for_quote(quote) for quote in options.quotes]

    def get_default_shipping_method(self, basket, shipping_addr=None, request=None, **kwargs):
        """The basket page's estimate: the first method, priced for the address the checkout will
        charge — the one chosen in this checkout, else the shopper's default address (Oscar's
        ``shipping_addr``), else the least it can cost ("起"). When nothing ships there, the
        estimate without an address; the checkout then says why."""
        shipping_addr = checkout_shipping_address(request) or shipping_addr
        methods = self.get_shipping_methods(basket, shipping_addr=shipping_addr, **kwargs)
        if not methods and shipping_addr is not None:
            methods = self.get_shipping_methods(basket, **kwargs)
        return methods[0] if methods else NoDeliveryAvailable()


def checkout_shipping_address(request):
    """The shipping address chosen in ``request``'s checkout so far (typed in, or one of the
    shopper's own address-book entries), unsaved; ``None`` before the address step."""
    if request is None or CheckoutSessionData.SESSION_KEY not in request.session:
        return None
    session = CheckoutSessionData(request)
    fields = session.new_shipping_address_fields()
    if fields:
        return ShippingAddress(**fields)
    address_id = session.shipping_user_address_id()
    if not address_id or not request.user.is_authenticated:
        return None
    address = request.user.addresses.filter(pk=address_id).first()
    if address is None:
        return None
    shipping_address = ShippingAddress()
    address.populate_alternative_model(shipping_address)
    return shipping_address
